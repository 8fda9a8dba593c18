import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromView } from '../../main/resources/static/viewer/model.js';
import { createViewState } from '../../main/resources/static/viewer/view-state.js';
import { FIVE_ROWS, viewDoc } from './trace-docs.mjs';

function stateWithLog() {
  const state = createViewState(fromView(viewDoc(FIVE_ROWS)));
  const log = [];
  state.subscribe((change) => log.push(change));
  return { state, log };
}

test('toggle_announcesRowsAndHidesSubtree', () => {
  const { state, log } = stateWithLog();
  state.toggle(1);
  assert.deepEqual(log, [{ type: 'rows' }]);
  assert.equal(state.model.visibleCount, 3);
  state.toggle(2); // a leaf: nothing to collapse, nothing announced
  assert.equal(log.length, 1);
});

test('select_hiddenRow_revealsItFirst', () => {
  const { state, log } = stateWithLog();
  state.toggle(1);
  log.length = 0;
  state.select(3, true);
  assert.deepEqual(log, [{ type: 'rows' }, { type: 'selection', row: 3, open: true }]);
  assert.equal(state.selected, 3);
  assert.equal(state.model.visibleCount, 5);
});

test('toggle_hidingTheSelectedRow_clearsSelection', () => {
  const { state } = stateWithLog();
  state.select(2, false);
  state.toggle(1);
  assert.equal(state.selected, -1);
});

test('mark_setsHitsRevealsAndClears', () => {
  const { state, log } = stateWithLog();
  state.collapseBelow(1);
  state.mark([3]);
  assert.equal(state.model.hit[3], 1);
  assert.equal(state.model.collapsed[0], 0);
  assert.equal(state.model.collapsed[1], 0);
  state.mark([]);
  assert.equal(state.model.hit[3], 0);
  assert.ok(log.every((change) => change.type === 'rows'));
});

test('subscribe_returnsUnsubscribe', () => {
  const state = createViewState(fromView(viewDoc(FIVE_ROWS)));
  let calls = 0;
  const stop = state.subscribe(() => calls++);
  state.toggle(0);
  stop();
  state.toggle(0);
  assert.equal(calls, 1);
});
