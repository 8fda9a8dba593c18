/**
 * Find in the trace: the server answers which rows match (name, service, span id, tag key=value); this
 * module marks them, reveals them if a collapsed subtree hides them, and steps through them.
 */
import * as api from './api.js';

/**
 * @param {{form: HTMLFormElement, input: HTMLInputElement, status: HTMLElement}} elements
 * @param {object} model the trace model
 * @param {object} state the view state: find marks its hits and selects them there
 */
export function createFind(elements, model, state) {
  let query = '';
  let rows = [];
  let at = -1;

  async function run(text) {
    rows = [];
    at = -1;
    query = text;
    if (!text.trim()) { elements.status.textContent = ''; state.mark([]); return; }
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
    state.mark(rows);
    elements.status.textContent = answer.total === 0 ? 'no match'
      : `${answer.total.toLocaleString()} match${answer.total === 1 ? '' : 'es'}${answer.total > rows.length ? ` (first ${rows.length.toLocaleString()} marked)` : ''}`;
    next();
  }

  function next() {
    if (!rows.length) return;
    at = (at + 1) % rows.length;
    state.select(rows[at], false);
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
