/**
 * The Findings panel: what the server's findings (core/findings) point at in this trace — N+1 calls,
 * where an error started, masked timeouts, swallowed errors, the critical path's hot spot — each with
 * its confidence and its evidence in words. Choosing a finding marks its spans in the waterfall: an
 * N+1 group is bracketed under its parent, an error's chain from the cause to the root is marked. The
 * rules and the words are the server's; this lists them and draws the marks.
 */
import * as api from './api.js';
import { el, plural } from './format.js';

/** Mark bits of a row, kept in model.findingMarks (a Uint8Array, one per row) while a finding is chosen. */
const PARENT = 1, GROUP = 2, FIRST = 4, LAST = 8, CHAIN = 16, CAUSE = 32, SLOW = 64;

const TITLE = {
  n_plus_one: 'N+1 calls',
  error_root_cause: 'Error root cause',
  masked_timeout: 'Masked timeout',
  swallowed_error: 'Swallowed error',
  critical_path: 'Critical path',
};

/** Findings listed at once; the server bounds them too, and a long list is cut with a count. */
const MAX_LISTED = 50;

/**
 * The classes a row gets from the chosen finding ('' when none): the waterfall adds them to the row.
 * @param {object} model
 * @param {number} row
 */
export function markClass(model, row) {
  const marks = model.findingMarks;
  if (!marks || !marks[row]) return '';
  const m = marks[row];
  return (m & PARENT ? ' f-parent' : '') + (m & GROUP ? ' f-group' : '') + (m & FIRST ? ' f-first' : '')
    + (m & LAST ? ' f-last' : '') + (m & CHAIN ? ' f-chain' : '') + (m & CAUSE ? ' f-cause' : '')
    + (m & SLOW ? ' f-slow' : '');
}

/**
 * Loads the trace's findings and fills the panel; a failure is said in the panel, the trace stays drawn.
 * @param {HTMLElement} panel
 * @param {object} model the trace model
 * @param {object} state the view state (view-state.js): the chosen finding's marks go there, and the
 *   waterfall redraws
 */
export async function showFindings(panel, model, state) {
  panel.replaceChildren(el('h2', '', 'Findings'), el('p', 'muted', 'Loading findings…'));
  let findings;
  try {
    findings = (await api.findings(model.traceId)).findings;
  } catch (e) {
    panel.replaceChildren(el('h2', '', 'Findings'), el('p', 'error-text', `The findings could not be loaded: ${e.message}`));
    return;
  }
  panel.replaceChildren(el('h2', '', 'Findings'));
  if (!findings.length) {
    panel.append(el('p', 'muted', 'Nothing to point at: no repeated calls, no errors, no span owning most of the time.'));
    return;
  }
  const rowOf = rowsOf(model, findings);
  const list = el('ol', 'finding-list');
  const items = [];
  findings.slice(0, MAX_LISTED).forEach((finding, i) => {
    const item = entry(finding, rowOf);
    item.addEventListener('click', (event) => {
      if (event.target.closest('details')) return; // opening the evidence is not choosing
      const chosen = !item.classList.contains('chosen');
      items.forEach((other) => other.classList.remove('chosen'));
      item.classList.toggle('chosen', chosen);
      // the marked rows are shown (their collapsed ancestors opened); the details stay as they were
      const rows = chosen ? finding.spans.map((id) => rowOf.get(id)).filter((row) => row !== undefined) : [];
      state.markFinding(chosen ? marks(model, finding, rowOf) : null, rows, chosen ? rowOf.get(finding.span_id) : undefined);
    });
    item.dataset.index = i;
    items.push(item);
    list.append(item);
  });
  panel.append(list);
  if (findings.length > MAX_LISTED) panel.append(el('p', 'muted', `and ${findings.length - MAX_LISTED} more`));
}

function entry(finding, rowOf) {
  const item = el('li', `finding ${finding.kind}`);
  item.dataset.kind = finding.kind;
  item.tabIndex = 0;
  item.addEventListener('keydown', (event) => { if (event.key === 'Enter') item.click(); });
  const head = el('div', 'finding-head');
  head.append(el('strong', '', TITLE[finding.kind] || finding.kind), el('span', `confidence ${finding.confidence}`, finding.confidence));
  item.append(head, el('p', 'finding-summary', finding.summary));
  const missing = finding.spans.filter((id) => !rowOf.has(id)).length;
  const counted = finding.span_count > finding.spans.length
    ? ` (${finding.spans.length} of ${finding.span_count.toLocaleString()} marked)` : '';
  const evidence = el('details', 'evidence');
  evidence.append(el('summary', 'muted', `Evidence · ${plural(finding.span_count, 'span')}${counted}`));
  const reasons = el('ul');
  for (const line of finding.evidence) reasons.append(el('li', '', line));
  if (missing) reasons.append(el('li', 'muted', `${plural(missing, 'span')} of the finding not in this view`));
  evidence.append(reasons);
  item.append(evidence);
  return item;
}

/** Span id -> row for every span the findings name: one pass over the rows. */
function rowsOf(model, findings) {
  const wanted = new Set();
  for (const f of findings) { wanted.add(f.span_id); for (const id of f.spans) wanted.add(id); }
  const rowOf = new Map();
  for (let row = 0; row < model.n && rowOf.size < wanted.size; row++) {
    const id = model.spanIds.substr(row * 16, 16);
    if (wanted.has(id)) rowOf.set(id, row);
  }
  return rowOf;
}

/** The marks of one finding's rows. */
function marks(model, finding, rowOf) {
  const m = new Uint8Array(model.n);
  const rows = finding.spans.map((id) => rowOf.get(id)).filter((row) => row !== undefined);
  if (finding.kind === 'n_plus_one') {
    const parent = rowOf.get(finding.facts.parent_id);
    const group = rows.filter((row) => row !== parent).sort((a, b) => a - b);
    if (parent !== undefined) m[parent] |= PARENT;
    for (const row of group) m[row] |= GROUP;
    if (group.length) { m[group[0]] |= FIRST; m[group[group.length - 1]] |= LAST; }
  } else if (finding.kind === 'masked_timeout') {
    const slow = new Set(finding.facts.slow_ids);
    for (const id of finding.spans) {
      const row = rowOf.get(id);
      if (row !== undefined) m[row] |= slow.has(id) ? SLOW : CHAIN;
    }
    const failed = rowOf.get(finding.facts.failed_id);
    if (failed !== undefined) m[failed] |= CAUSE;
  } else if (finding.kind === 'critical_path') {
    for (const row of rows) m[row] |= SLOW;
  } else {
    for (const row of rows) m[row] |= CHAIN;
    const cause = rowOf.get(finding.span_id);
    if (cause !== undefined) m[cause] |= CAUSE;
  }
  return m;
}
