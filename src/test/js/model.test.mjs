import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ORPHAN, collapseBelow, fromView, hasChildren, reveal, spanId, updateVisible, visibleIndex }
  from '../../main/resources/static/viewer/model.js';
import { FIVE_ROWS, viewDoc } from './trace-docs.mjs';

test('fromView_typedColumnsAndSubtreeSizes', () => {
  const model = fromView(viewDoc(FIVE_ROWS));
  assert.equal(model.n, 5);
  assert.deepEqual(Array.from(model.size), [5, 3, 1, 1, 1]);
  assert.deepEqual(Array.from(model.visible.subarray(0, model.visibleCount)), [0, 1, 2, 3, 4]);
  assert.equal(model.doc.rows, null, 'the parsed columns are dropped once copied');
});

test('spanId_sixteenHexPerRow', () => {
  const model = fromView(viewDoc(FIVE_ROWS));
  assert.equal(spanId(model, 0), '0000000000000001');
  assert.equal(spanId(model, 4), '0000000000000005');
});

test('updateVisible_collapsedSubtreeHidden', () => {
  const model = fromView(viewDoc(FIVE_ROWS));
  model.collapsed[1] = 1;
  updateVisible(model);
  assert.deepEqual(Array.from(model.visible.subarray(0, model.visibleCount)), [0, 1, 4]);
  assert.equal(visibleIndex(model, 2), -1);
  assert.equal(visibleIndex(model, 4), 2);
});

test('reveal_expandsEveryAncestor', () => {
  const model = fromView(viewDoc(FIVE_ROWS));
  model.collapsed[0] = 1;
  model.collapsed[1] = 1;
  reveal(model, 3);
  assert.equal(model.collapsed[0], 0);
  assert.equal(model.collapsed[1], 0);
});

test('collapseBelow_onlyRowsWithChildrenAtOrBelowDepth', () => {
  const model = fromView(viewDoc(FIVE_ROWS));
  collapseBelow(model, 2);
  assert.deepEqual(Array.from(model.collapsed), [0, 1, 0, 0, 0]);
  collapseBelow(model, null);
  assert.deepEqual(Array.from(model.collapsed), [0, 0, 0, 0, 0]);
  assert.ok(hasChildren(model, 1));
  assert.ok(!hasChildren(model, 4));
});

test('fromView_keepsServerFlags', () => {
  const model = fromView(viewDoc([[1, -1, 0, 10, ORPHAN]]));
  assert.equal(model.flags[0] & ORPHAN, ORPHAN);
  assert.equal(model.duration, 10);
});
