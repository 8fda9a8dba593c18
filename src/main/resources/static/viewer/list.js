/**
 * The trace list: recent traces newest first, searched by service, span name, remote service, tags,
 * duration, start time, errors, breaks and incompleteness (search.js), and refreshed every few seconds
 * without a reload. The search lives in the URL, in the API's own terms: the page reads it on load,
 * writes it on each search, and asks the server with it, so a search can be shared like a trace.
 */
import * as api from './api.js';
import { duration, el, plural, time } from './format.js';
import { formOf, queryOf, searchOf } from './search.js';

const REFRESH_MS = 3000;
const LIMIT = 100;

/**
 * @param {{form: HTMLFormElement, service: HTMLInputElement, spanName: HTMLInputElement,
 *   remoteService: HTMLInputElement, tags: HTMLInputElement, min: HTMLInputElement, max: HTMLInputElement,
 *   time: HTMLSelectElement, range: HTMLElement, from: HTMLInputElement, to: HTMLInputElement,
 *   errors: HTMLInputElement, breaks: HTMLInputElement, incomplete: HTMLInputElement,
 *   body: HTMLElement, storeLine: HTMLElement, serviceNames: HTMLDataListElement}} elements
 * @param {{showMessage: function(string), clearMessage: function()}} page
 */
export function startList(elements, page) {
  let search = searchOf(new URLSearchParams(location.search));
  fill(elements, formOf(search));
  const known = new Set();
  let timer = 0;
  let generation = 0;

  async function refresh() {
    clearTimeout(timer);
    const mine = ++generation;
    try {
      const answer = await api.search(search, LIMIT);
      if (mine !== generation) return;
      page.clearMessage();
      draw(answer);
      document.body.dataset.ready = 'list';
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
      const td = el('td', 'muted', search.toString() ? 'No traces match the search.' : 'No traces yet. Call the demo (GET /api/data) or post spans to /api/v2/spans.');
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

  function submit() {
    search = queryOf(values(elements));
    history.replaceState(null, '', search.toString() ? `/?${search}` : '/');
    refresh();
  }

  elements.form.addEventListener('submit', (event) => {
    event.preventDefault();
    submit();
  });
  // a choice (a box, the time) searches at once; typed fields wait for Enter or the button
  elements.form.addEventListener('change', (event) => {
    elements.range.hidden = elements.time.value !== 'custom';
    if (event.target.type === 'checkbox' || event.target === elements.time) submit();
  });
  refresh();
}

/** Puts a search's values into the form. */
function fill(e, v) {
  e.service.value = v.service;
  e.spanName.value = v.spanName;
  e.remoteService.value = v.remoteService;
  e.tags.value = v.tags;
  e.min.value = v.minMs;
  e.max.value = v.maxMs;
  e.time.value = v.time;
  e.range.hidden = v.time !== 'custom';
  e.from.value = v.from;
  e.to.value = v.to;
  e.errors.checked = v.errors;
  e.breaks.checked = v.breaks;
  e.incomplete.checked = v.incomplete;
}

/** The form's values, as search.js reads them. */
function values(e) {
  return {
    service: e.service.value, spanName: e.spanName.value, remoteService: e.remoteService.value, tags: e.tags.value,
    minMs: e.min.value, maxMs: e.max.value, time: e.time.value, from: e.from.value, to: e.to.value,
    errors: e.errors.checked, breaks: e.breaks.checked, incomplete: e.incomplete.checked,
  };
}

/** The list's words for an incomplete trace: "2 orphans, 1 cycle". */
export function incompleteWords(counts) {
  const words = [];
  if (counts.orphans) words.push(plural(counts.orphans, 'orphan'));
  if (counts.cycles) words.push(plural(counts.cycles, 'cycle'));
  if (counts.duplicates) words.push(plural(counts.duplicates, 'duplicate id'));
  return `incomplete: ${words.join(', ')}`;
}
