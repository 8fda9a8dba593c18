import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatTags, formOf, parseTags, queryOf, searchOf } from '../../main/resources/static/viewer/search.js';

const EMPTY = { service: '', spanName: '', remoteService: '', tags: '', minMs: '', maxMs: '', time: '', from: '',
  to: '', errors: false, breaks: false, incomplete: false };

test('parseTags_spacesSeparate_quotesKeepSpaces', () => {
  assert.deepEqual(parseTags('error  http.status_code=500 http.url="/a b" k= x=y=z'),
    ['error', 'http.status_code=500', 'http.url=/a b', 'k=', 'x=y=z']);
  assert.deepEqual(parseTags('   '), []);
});

test('formatTags_quotesWhatParseTagsWouldSplit', () => {
  const tags = ['error', 'http.url=/a b', 'k=', 'x=y=z'];
  assert.equal(formatTags(tags), 'error http.url="/a b" k="" x=y=z');
  assert.deepEqual(parseTags(formatTags(tags)), tags);
});

test('queryOf_theApisParameters_durationsInMicroseconds', () => {
  const q = queryOf({ ...EMPTY, service: ' backend ', spanName: 'get /api', remoteService: 'mysql',
    tags: 'error http.status_code=500', minMs: '1.5', maxMs: '250', time: '1h', errors: true, incomplete: true });
  assert.deepEqual([...q], [['service', 'backend'], ['span_name', 'get /api'], ['remote_service', 'mysql'],
    ['tag', 'error'], ['tag', 'http.status_code=500'], ['min_duration', '1500'], ['max_duration', '250000'],
    ['since', '1h'], ['errors', 'true'], ['incomplete', 'true']]);
  assert.equal(queryOf(EMPTY).toString(), '');
});

test('queryOf_customRange_isoInstants', () => {
  const q = queryOf({ ...EMPTY, time: 'custom', from: '2026-12-07T09:00', to: '' });
  assert.equal(q.get('from'), new Date('2026-12-07T09:00').toISOString());
  assert.equal(q.has('to'), false);
  assert.equal(q.has('since'), false);
});

test('formOf_isTheInverseOfQueryOf', () => {
  const form = { ...EMPTY, service: 'backend', spanName: 'get /api', remoteService: 'mysql', tags: 'error http.url="/a b"',
    minMs: '1.5', maxMs: '250', time: '15m', breaks: true };
  assert.deepEqual(formOf(queryOf(form)), form);
  const custom = { ...EMPTY, time: 'custom', from: '2026-12-07T09:00', to: '2026-12-07T10:30' };
  assert.deepEqual(formOf(queryOf(custom)), custom);
});

test('searchOf_keepsOnlyTheSearch', () => {
  const q = searchOf(new URLSearchParams('trace=abc&tag=a&service=s&tag=b&limit=5'));
  assert.equal(q.toString(), 'service=s&tag=a&tag=b');
});
