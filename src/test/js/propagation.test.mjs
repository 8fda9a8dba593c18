import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  BOX, brokenQuery, clip, edgeClass, edgeLabel, edgeTitle, labelPoint, labelReasons, nodes, pathOf, percent, reasonsText, shortReason,
  shortName, traceLink, windowFrom,
} from '../../main/resources/static/viewer/propagation-model.js';

const broken = {
  from: 'frontend', to: 'backend', calls: 40, continued: 10, broken: 30, broken_share: 0.75, possible: 0,
  verdict: 'broken', reasons: [{ reason: 'dropped', count: 10 }, { reason: 'not W3C: b3', count: 20 }],
  untraced: 0, unknown_callee: 0, points: [[110, 80], [370, 80]],
};

test('windowFrom_offeredWindowsOnly_elseTheHour', () => {
  assert.equal(windowFrom('?since=15m'), '15m');
  assert.equal(windowFrom('?since=1d'), '1d');
  assert.equal(windowFrom('?since=7d'), '1h');
  assert.equal(windowFrom(''), '1h');
});

test('edgeClass_byTheServersVerdict', () => {
  assert.equal(edgeClass(broken), 'edge edge-broken');
  assert.equal(edgeClass({ verdict: 'possibly_broken' }), 'edge edge-possibly-broken');
  assert.equal(edgeClass({ verdict: 'untraced' }), 'edge edge-untraced');
});

test('percent_aShareAboveZeroNeverReadsZero', () => {
  assert.equal(percent(0.75), '75%');
  assert.equal(percent(0.001), '<1%');
  assert.equal(percent(0.999), '>99%');
  assert.equal(percent(1), '100%');
  assert.equal(percent(0), '0%');
});

test('edgeLabel_shareOnBrokenEdges_nothingOnOthers', () => {
  assert.equal(edgeLabel(broken), '75% broken');
  assert.equal(edgeLabel({ ...broken, verdict: 'possibly_broken', broken: 2 }), '2 possibly broken');
  assert.equal(edgeLabel({ ...broken, verdict: 'untraced' }), '');
  assert.equal(edgeLabel({ ...broken, verdict: 'continued' }), '');
});

test('reasonsText_andTitle_countEachReasonApart', () => {
  assert.equal(reasonsText(broken), 'dropped 10 · not W3C: b3 20');
  assert.equal(edgeTitle(broken), 'frontend → backend\n40 calls\n10 continued\n30 broken (75%): dropped 10 · not W3C: b3 20');
  assert.equal(edgeTitle({ ...broken, to: null, continued: 0, broken: 0, reasons: [], unknown_callee: 3, calls: 3 }),
    'frontend → unknown callee\n3 calls\n3 to an unknown callee');
});

test('nodes_servicesAndOneUnknownCalleePerCaller', () => {
  const doc = {
    services: [{ name: 'frontend', traced: true, x: 110, y: 80 }, { name: 'h2', traced: false, x: 370, y: 80 }],
    edges: [broken, { ...broken, to: null, points: [[110, 80], [370, 136]] }],
  };
  assert.deepEqual(nodes(doc).map((n) => [n.key, n.kind, n.x, n.y]), [
    ['frontend', 'traced', 110, 80], ['h2', 'untraced', 370, 80], ['?frontend', 'unknown', 370, 136]]);
});

test('clip_leavesTheBoxOnItsBorder', () => {
  assert.deepEqual(clip([100, 100], [400, 100]), [100 + BOX.halfWidth, 100]);
  assert.deepEqual(clip([100, 100], [100, 0]), [100, 100 - BOX.halfHeight]);
  assert.deepEqual(clip([100, 100], [100, 100]), [100, 100]);
  // a target inside the box: the centre, nothing to clip
  assert.deepEqual(clip([100, 100], [110, 105]), [100, 100]);
});

test('pathOf_fromBorderToBorder_throughBends_loopForASelfCall', () => {
  assert.equal(pathOf([[110, 80], [370, 80]]), 'M 195 80 L 285 80');
  assert.equal(pathOf([[110, 80], [370, 140], [630, 80]]), 'M 183.7 97 L 370 140 L 556.3 97');
  assert.match(pathOf([[110, 80], [110, 80]]), /^M 130 63 C /);
});

test('labelPoint_middleSegment', () => {
  assert.deepEqual(labelPoint([[110, 80], [370, 80]]), [240, 74]);
  assert.deepEqual(labelPoint([[0, 0], [100, 0], [200, 100], [300, 100]]), [150, 44]);
});

test('traceLink_andBrokenQuery_encoded', () => {
  assert.equal(traceLink({ trace_id: '4bf92f3577b34da6a3ce929d0e0e4736', span_id: '00f067aa0ba902b7' }),
    '/?trace=4bf92f3577b34da6a3ce929d0e0e4736&span=00f067aa0ba902b7');
  assert.equal(brokenQuery({ from: 'front end', to: 'a&b' }, '15m'), 'from=front+end&to=a%26b&since=15m&limit=100');
});

test('shortName_cutWithEllipsis', () => {
  assert.equal(shortName('frontend'), 'frontend');
  assert.equal(shortName('api.thirdparty.example.com.long', 10), 'api.third…');
});

test('labelReasons_shortKeys_firstThree', () => {
  assert.equal(labelReasons({ reasons: [{ reason: 'dropped', count: 12 }, { reason: 'not W3C: b3', count: 8 },
    { reason: 'refused: trace-id: expected 32 lowercase hex characters', count: 6 }] }), 'dropped 12 · not W3C: b3 8 · refused 6');
  assert.equal(labelReasons({ reasons: ['a', 'b', 'c', 'd', 'e'].map((reason) => ({ reason, count: 1 })) }),
    'a 1 · b 1 · c 1 · +2 more');
  assert.equal(shortReason('unknown'), 'unknown');
});
