/**
 * Find in the trace: the server answers which rows match (name, service, span id, tag key=value); this
 * module marks them, reveals them if a collapsed subtree hides them, and steps through them.
 */
import * as api from './api.js';
import { reveal } from './model.js';

/**
 * @param {{form: HTMLFormElement, input: HTMLInputElement, status: HTMLElement}} elements
 * @param {object} model
 * @param {object} waterfall
 */
export function createFind(elements, model, waterfall) {
  let query = '';
  let rows = [];
  let at = -1;

  async function run(text) {
    model.hit.fill(0);
    rows = [];
    at = -1;
    query = text;
    if (!text.trim()) { elements.status.textContent = ''; waterfall.refresh(); return; }
    elements.status.textContent = 'searching…';
    let answer;
    try {
      answer = await api.find(model.traceId, text);
    } catch (e) {
      elements.status.textContent = `find failed: ${e.message}`;
      return;
    }
    if (query !== text) return; // typed on meanwhile
    rows = answer.rows;
    for (const row of rows) { model.hit[row] = 1; reveal(model, row); }
    waterfall.relayout();
    elements.status.textContent = answer.total === 0 ? 'no match'
      : `${answer.total.toLocaleString()} match${answer.total === 1 ? '' : 'es'}${answer.total > rows.length ? ` (first ${rows.length.toLocaleString()} marked)` : ''}`;
    next();
  }

  function next() {
    if (!rows.length) return;
    at = (at + 1) % rows.length;
    waterfall.select(rows[at], false);
    if (rows.length > 1) elements.status.dataset.position = `${at + 1}/${rows.length}`;
  }

  elements.form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (elements.input.value === query && rows.length) next();
    else run(elements.input.value);
  });
  document.addEventListener('keydown', (event) => {
    if (event.key === '/' && !(event.target instanceof HTMLInputElement)) {
      event.preventDefault();
      elements.input.focus();
      elements.input.select();
    }
  });
}
