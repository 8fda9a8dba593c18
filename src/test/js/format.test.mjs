import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duration, plural, serviceClass } from '../../main/resources/static/viewer/format.js';
import { CYCLE, CYCLE_CUT, DUPLICATE, ERROR, ORPHAN } from '../../main/resources/static/viewer/model.js';
import { badges } from '../../main/resources/static/viewer/row-painter.js';
import { bySpan, badge, rowClass } from '../../main/resources/static/viewer/breaks.js';

test('duration_unitByMagnitude', () => {
  assert.equal(duration(0), '0 µs');
  assert.equal(duration(850), '850 µs');
  assert.equal(duration(1234), '1.23 ms');
  assert.equal(duration(12345), '12.3 ms');
  assert.equal(duration(1250000), '1.25 s');
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
