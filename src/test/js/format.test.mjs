import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duration, plural, serviceClass } from '../../main/resources/static/viewer/format.js';
import { CYCLE, CYCLE_CUT, DUPLICATE, ERROR, ORPHAN } from '../../main/resources/static/viewer/model.js';
import { badges } from '../../main/resources/static/viewer/row-painter.js';
import { bySpan, badge, rowClass } from '../../main/resources/static/viewer/breaks.js';

test('duration_unitByMagnitude', () => {
  const written = [[0, '0 µs'], [850, '850 µs'], [1234, '1.23 ms'], [12345, '12.3 ms'], [1250000, '1.25 s']];
  for (const [micros, text] of written) {
    assert.equal(duration(micros), text, `${micros} µs`);
  }
});

test('plural_oneAndMany', () => {
  assert.equal(plural(1, 'orphan'), '1 orphan');
  assert.equal(plural(2, 'orphan'), '2 orphans');
});

test('serviceClass_twelveColours', () => {
  assert.equal(serviceClass(0), 'svc-0');
  assert.equal(serviceClass(13), 'svc-1');
});

test('badges_breakFirstThenFlagsThenHidden', () => {
  assert.equal(badges(ORPHAN | ERROR, 0, ''), 'orphan · error');
  assert.equal(badges(CYCLE | CYCLE_CUT, 0, ''), 'cycle cut here');
  assert.equal(badges(CYCLE | DUPLICATE, 3, 'context lost here'), 'context lost here · cycle · duplicate id · +3 hidden');
  assert.equal(badges(0, 0, ''), '');
});

test('breaks_indexedBySpanWithTheirMarks', () => {
  const lost = { kind: 'lost_downstream', span_id: '00000000000000aa', confidence: 'definite', reason: 'r' };
  const map = bySpan([lost]);
  assert.equal(map.get('00000000000000aa'), lost);
  assert.equal(rowClass(lost), 'lost');
  assert.equal(badge(lost), 'context lost here');
  assert.equal(badge(undefined), '');
  assert.equal(rowClass({ kind: 'something_new' }), '');
});

test('breaks_possibleIsAQuestionNotAFault', () => {
  const possible = { kind: 'lost_downstream', span_id: '00000000000000bb', confidence: 'possible', reason: 'r' };
  assert.equal(rowClass(possible), 'possible');
  assert.notEqual(rowClass(possible), 'lost');
  assert.match(badge(possible), /\?$/);
});

test('paintRow_classesNameRpcAndShiftUnlessRecorded', async () => {
  // paintRow needs only className and text setters of a slot: a stand-in for the DOM's elements
  const { paintRow } = await import('../../main/resources/static/viewer/row-painter.js');
  const { fromView, SHARED, SHIFTED } = await import('../../main/resources/static/viewer/model.js');
  const { viewDoc } = await import('./trace-docs.mjs');
  const part = () => ({ style: {}, dataset: {}, classList: { toggle() {} }, setAttribute() {}, replaceChildren() {}, append() {} });
  const slot = { root: part(), label: part(), toggle: part(), service: part(), name: part(), badges: part(),
    skew: part(), bar: part(), segments: part(), time: part() };
  const model = fromView(viewDoc([[1, -1, 0, 100, SHARED | SHIFTED]]));
  paintRow(slot, model, 0, -1);
  assert.match(slot.root.className, / rpc/);
  assert.match(slot.root.className, / shifted/);
  model.recorded = true;
  paintRow(slot, model, 0, -1);
  assert.doesNotMatch(slot.root.className, / shifted/);
});
