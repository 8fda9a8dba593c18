// What real traces need of the viewer (issue 24): callees, annotations, deep names, unknown
// durations, a minimap of a few rows, the critical path's summary on asynchronous traces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spanDuration } from '../../main/resources/static/viewer/format.js';
import { annotationsOf, fromView } from '../../main/resources/static/viewer/model.js';
import { depthMark, indentPx, serviceLabel, timePlace } from '../../main/resources/static/viewer/row-painter.js';
import { bands } from '../../main/resources/static/viewer/minimap.js';
import { pathSummary } from '../../main/resources/static/viewer/critical.js';
import { clampLabelShare } from '../../main/resources/static/viewer/waterfall.js';
import { annotationOffset, endpointText } from '../../main/resources/static/viewer/details.js';
import { viewDoc } from './trace-docs.mjs';

/** frontend's server span, its call to memcache, and a consumer receiving from kafka. */
function callsDoc() {
  const doc = viewDoc([[1, -1, 0, 100], [2, 0, 10, 20], [2, 0, 40, 0]]);
  doc.services = ['frontend', 'memcache', 'kafka'];
  doc.kinds = ['', 'server', 'client', 'consumer'];
  doc.rows.service = [0, 0, 0];
  doc.rows.kind = [1, 2, 3];
  doc.rows.remote = [-1, 1, 2];
  doc.annotations = { row: [1, 1, 2], at: [12, 25, 41], value: [0, 1, 0], shift: [0, 3, 0], server_half: [false, true, false] };
  doc.annotation_values = ['ws', 'wr'];
  return doc;
}

test('serviceLabel_namesTheCalleeFromTheRemoteColumn', () => {
  const model = fromView(callsDoc());
  assert.equal(serviceLabel(model, 0), 'frontend', 'a server span names no callee');
  assert.equal(serviceLabel(model, 1), 'frontend → memcache');
  assert.equal(serviceLabel(model, 2), 'frontend ← kafka', 'a consumer receives from its remote');
});

test('serviceLabel_olderDocumentWithoutRemote_ownServiceOnly', () => {
  const model = fromView(viewDoc([[1, -1, 0, 100]]));
  assert.equal(serviceLabel(model, 0), 'frontend');
});

test('annotationsOf_groupedByRowAndPlacedUnlessRecorded', () => {
  const model = fromView(callsDoc());
  assert.deepEqual(annotationsOf(model, 0), []);
  assert.deepEqual(annotationsOf(model, 1), [{ at: 12, value: 'ws', serverHalf: false },
    { at: 28, value: 'wr', serverHalf: true }]);
  model.recorded = true;
  assert.equal(annotationsOf(model, 1)[1].at, 25);
  assert.deepEqual(annotationsOf(model, 2), [{ at: 41, value: 'ws', serverHalf: false }]);
});

test('spanDuration_unknownIsNotZero', () => {
  assert.equal(spanDuration(0), 'unknown');
  assert.equal(spanDuration(null), 'unknown');
  assert.equal(spanDuration(undefined), 'unknown');
  assert.equal(spanDuration(1234), '1.23 ms');
});

test('indentPx_compressesPastSixLevelsAndStops', () => {
  assert.equal(indentPx(1), 4);
  assert.equal(indentPx(2), 18);
  assert.equal(indentPx(7), 6 * 14 + 4);
  assert.equal(indentPx(8), 6 * 14 + 2 + 4);
  assert.equal(indentPx(12), indentPx(11) + 2);
  assert.equal(indentPx(100), indentPx(23), 'no deeper indent past 22 levels');
  assert.ok(indentPx(1_000_000) <= 120, 'a name keeps its room however deep');
});

test('depthMark_shownWhereTheIndentNoLongerSaysTheDepth', () => {
  assert.equal(depthMark(1), '');
  assert.equal(depthMark(7), '');
  assert.equal(depthMark(8), '8');
  assert.equal(depthMark(40), '40');
});

test('bands_twoRows_thinLinesNotASlab', () => {
  const list = bands(2, 72);
  assert.equal(list.length, 2);
  assert.deepEqual(list.map((b) => b.height), [5, 5]);
  assert.deepEqual(list.map((b) => b.y), [0, 6]);
});

test('bands_manyRows_onePixelRowPerBucket', () => {
  const list = bands(1000, 72);
  assert.equal(list.length, 72);
  assert.equal(list[0].from, 0);
  assert.equal(list[71].to, 1000);
  assert.ok(list.every((b) => b.height === 1 && b.to > b.from));
  assert.deepEqual(bands(0, 72), []);
});

test('pathSummary_asynchronous_saysWhyTimeIsUncovered', () => {
  const path = { row: [0, 1, 2], start: [0, 10, 600], end: [1, 200, 649], handed_off: [false, true, true] };
  const summary = pathSummary(path, 649);
  assert.equal(summary.text, '3 segments, 240 µs of 649 µs (37.0%)');
  assert.match(summary.why, /follows 2 asynchronous hand-offs/);
  assert.match(summary.why, /409 µs is no span's work/);
});

test('pathSummary_synchronousCoveringTheTrace_noExplanation', () => {
  const summary = pathSummary({ row: [0], start: [0], end: [100], handed_off: [false] }, 100);
  assert.equal(summary.text, '1 segment, 100 µs of 100 µs (100.0%)');
  assert.equal(summary.why, '');
});

test('pathSummary_shortRootOfALongTrace_saysWhy', () => {
  const summary = pathSummary({ row: [0], start: [0], end: [26] }, 649_100);
  assert.match(summary.text, /\(0\.0%\)$/);
  assert.match(summary.why, /outside the root's own time/);
});

test('clampLabelShare_withinJaegersBounds', () => {
  assert.equal(clampLabelShare(0.01), 0.15);
  assert.equal(clampLabelShare(0.99), 0.85);
  assert.equal(clampLabelShare(0.5), 0.5);
  assert.equal(clampLabelShare(NaN), 0.4);
});

test('endpointText_ipv4Ipv6AndPort', () => {
  assert.equal(endpointText({ service_name: 'memcache', ipv4: '10.0.0.7', port: 11211 }), 'memcache 10.0.0.7:11211');
  assert.equal(endpointText({ service_name: 'db', ipv6: '2001:db8::c001', port: 3036 }), 'db [2001:db8::c001]:3036');
  assert.equal(endpointText({ ipv4: '10.0.0.1', ipv6: '::1' }), '10.0.0.1 ::1');
  assert.equal(endpointText({ service_name: 'backend', port: 8081 }), 'backend port 8081');
  assert.equal(endpointText({}), '(empty)');
});

test('annotationOffset_afterTheSpanStart', () => {
  assert.equal(annotationOffset(1_700_000_000_001_200, 1_700_000_000_000_000), '+1.20 ms');
  assert.equal(annotationOffset(1_700_000_000_000_000 - 30, 1_700_000_000_000_000), '−30 µs');
});

test('timePlace_neverOverTheLabels', () => {
  assert.equal(timePlace(10, 20), 'after');
  assert.equal(timePlace(60, 30), 'before');
  assert.equal(timePlace(0, 100), 'inside', 'a bar filling the lane keeps its time inside');
});
