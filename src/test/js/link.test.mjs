import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromView } from '../../main/resources/static/viewer/model.js';
import { missingSpanWords, rowOfSpan, spanLink } from '../../main/resources/static/viewer/link.js';
import { FIVE_ROWS, viewDoc } from './trace-docs.mjs';

test('rowOfSpan_findsTheRow_anyCase', () => {
  const model = fromView(viewDoc(FIVE_ROWS));
  assert.equal(rowOfSpan(model, '0000000000000001'), 0);
  assert.equal(rowOfSpan(model, '0000000000000004'), 3);
  const upper = fromView({ ...viewDoc(FIVE_ROWS) });
  upper.spanIds = '00000000000000ab'.repeat(5);
  assert.equal(rowOfSpan(upper, '00000000000000AB'), 0);
});

test('rowOfSpan_aMatchAcrossTwoIdsIsNotASpan', () => {
  const model = fromView(viewDoc(FIVE_ROWS));
  // the end of row 0's id and the start of row 1's: "00000001" + "00000000"
  assert.equal(rowOfSpan(model, '0000000100000000'), -1);
  assert.equal(rowOfSpan(model, '00000000000000ff'), -1);
  assert.equal(rowOfSpan(model, 'not-an-id'), -1);
});

test('spanLink_theTraceAndTheSpan', () => {
  assert.equal(spanLink('4bf92f3577b34da6a3ce929d0e0e4736', '00f067aa0ba902b7'),
    '/?trace=4bf92f3577b34da6a3ce929d0e0e4736&span=00f067aa0ba902b7');
});

test('missingSpanWords_saysWhich_andThatTheTraceIsShown', () => {
  assert.match(missingSpanWords('abc', '00000000000000ff'), /Span 00000000000000ff is not in trace abc.*shown without it/);
  assert.match(missingSpanWords('abc', 'xyz'), /"xyz", which is not a span id \(16 hex characters\)/);
});
