/**
 * The trace list: recent traces newest first, filtered by service, minimum duration and errors, and
 * refreshed every few seconds without a reload. The filters live in the URL, so a filtered list can be
 * shared like a trace.
 */
import * as api from './api.js';
import { duration, el, plural, time } from './format.js';

const REFRESH_MS = 3000;

/**
 * @param {{form: HTMLFormElement, service: HTMLInputElement, min: HTMLInputElement, errors: HTMLInputElement,
 *   body: HTMLElement, storeLine: HTMLElement, serviceNames: HTMLDataListElement}} elements
 * @param {{showMessage: function(string), clearMessage: function()}} page
 */
export function startList(elements, page) {
  const params = new URLSearchParams(location.search);
  elements.service.value = params.get('service') || '';
  elements.min.value = params.get('min_ms') || '';
  elements.errors.checked = params.get('errors') === 'true';
  const known = new Set();
  let timer = 0;
  let generation = 0;

  async function refresh() {
    clearTimeout(timer);
    const mine = ++generation;
    const filters = {
      limit: 100,
      service: elements.service.value.trim(),
      minDurationMicros: Number(elements.min.value || 0) * 1000,
      errors: elements.errors.checked,
    };
    try {
      const answer = await api.traces(filters);
      if (mine !== generation) return;
      page.clearMessage();
      draw(answer);
    } catch (e) {
      if (mine === generation) page.showMessage(`The trace list could not be loaded: ${e.message}`);
    } finally {
      if (mine === generation) timer = setTimeout(refresh, REFRESH_MS);
    }
  }

  function draw(answer) {
    const rows = answer.traces.map((trace) => {
      const tr = el('tr');
      tr.dataset.traceId = trace.trace_id;
      const root = el('td');
      const link = el('a', '', `${trace.root_service ?? '(unknown)'} · ${trace.root_name ?? '(no root)'}`);
      link.href = `/?trace=${trace.trace_id}`;
      root.append(link);
      if (trace.breaks) {
        tr.classList.add('broken');
        const mark = el('span', 'break-mark', `broken: ${plural(trace.breaks, 'break')}`);
        mark.dataset.field = 'breaks';
        mark.title = 'Its context was lost on a call, or a new trace began here: open it to see why and the other piece.';
        root.append(' ', mark);
      }
      root.append(el('div', 'mono muted', trace.trace_id));
      // the server could not summarise this trace alone: say why here, the other rows are as usual
      if (trace.problem) root.append(el('div', 'error-text', trace.problem));
      tr.append(root, el('td', '', time(trace.start)), el('td', 'num', duration(trace.duration)),
        el('td', 'num', trace.span_count.toLocaleString()),
        el('td', trace.error_count ? 'num error-text' : 'num', trace.error_count));
      const complete = el('td', trace.incomplete ? 'incomplete' : 'muted', trace.incomplete ? incompleteWords(trace) : 'yes');
      complete.dataset.field = 'incomplete';
      tr.append(complete);
      for (const service of trace.services) known.add(service);
      return tr;
    });
    if (!rows.length) {
      const tr = el('tr');
      const td = el('td', 'muted', 'No traces match. Call the demo (GET /api/data) or post spans to /api/v2/spans.');
      td.colSpan = 6;
      tr.append(td);
      rows.push(tr);
    }
    elements.body.replaceChildren(...rows);
    elements.serviceNames.replaceChildren(...[...known].sort().map((s) => { const o = el('option'); o.value = s; return o; }));
    const s = answer.store;
    elements.storeLine.textContent = `store: ${plural(s.spans_stored, 'span')} in ${plural(s.traces_stored, 'trace')}`
      + ` (bound ${s.max_spans.toLocaleString()}; evicted ${plural(s.spans_evicted, 'span')})`;
  }

  elements.form.addEventListener('input', () => {
    const q = new URLSearchParams();
    if (elements.service.value.trim()) q.set('service', elements.service.value.trim());
    if (elements.min.value) q.set('min_ms', elements.min.value);
    if (elements.errors.checked) q.set('errors', 'true');
    history.replaceState(null, '', q.toString() ? `/?${q}` : '/');
    refresh();
  });
  elements.form.addEventListener('submit', (event) => event.preventDefault());
  refresh();
}

/** The list's words for an incomplete trace: "2 orphans, 1 cycle". */
export function incompleteWords(counts) {
  const words = [];
  if (counts.orphans) words.push(plural(counts.orphans, 'orphan'));
  if (counts.cycles) words.push(plural(counts.cycles, 'cycle'));
  if (counts.duplicates) words.push(plural(counts.duplicates, 'duplicate id'));
  return `incomplete: ${words.join(', ')}`;
}
