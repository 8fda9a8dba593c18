import { test } from 'node:test';
import assert from 'node:assert/strict';
import { destination, downloadHrefs, refusedBeforeSending, sizeText, traceHref }
  from '../../main/resources/static/viewer/open-file.js';

test('sizeText_binaryUnitsAsSpringWritesTheLimit', () => {
  assert.equal(sizeText(512), '512 bytes');
  assert.equal(sizeText(16 * 1024), '16 KB');
  assert.equal(sizeText(1536), '1.5 KB');
  assert.equal(sizeText(32 * 1024 * 1024), '32 MB');
});

test('refusedBeforeSending_overTheLimit_namesSizeLimitAndSetting', () => {
  assert.equal(refusedBeforeSending('big.json', 40 * 1024 * 1024, 32 * 1024 * 1024),
    'big.json is 40 MB, larger than the 32 MB a file may be (tracer.files.max-size).');
});

test('refusedBeforeSending_empty_namesTheFormats', () => {
  assert.match(refusedBeforeSending('empty.json', 0, 100), /empty: a trace file is Zipkin v2 JSON, Jaeger JSON or OTLP\/JSON/);
});

test('refusedBeforeSending_withinTheLimit_orLimitUnknown_isSent', () => {
  assert.equal(refusedBeforeSending('a.json', 100, 100), null);
  assert.equal(refusedBeforeSending('a.json', 100, 0), null);
});

test('destination_oneTrace_isItsPage_severalAreAList', () => {
  assert.deepEqual(destination({ traces: [{ trace_id: 'abc' }] }), { page: 'trace', href: '/?trace=abc' });
  const several = { traces: [{ trace_id: 'a' }, { trace_id: 'b' }] };
  assert.deepEqual(destination(several), { page: 'list', traces: several.traces });
});

test('hrefs_areEncoded', () => {
  assert.equal(traceHref('a b'), '/?trace=a%20b');
  assert.deepEqual(downloadHrefs('4bf9'), { zipkin: '/api/traces/4bf9/download?format=zipkin',
    otlp: '/api/traces/4bf9/download?format=otlp' });
});
