/**
 * Open a trace file: chosen with the picker, dropped anywhere on the page, or pasted. The server reads it
 * (POST /api/files), finds its format, keeps its traces in the store and answers them as the list
 * summarises them; a file of one trace then opens as that trace's page, several as a list of links. A
 * refused file's message (the format tried, the place, the rule) is shown in the page. Also: the trace
 * page's download links (GET /api/traces/{id}/download).
 */
import * as api from './api.js';
import { duration, el, plural, time } from './format.js';

/** Bytes as a person reads a size limit: 512 bytes, 64 KB, 32 MB (binary units, as Spring's DataSize). */
export function sizeText(bytes) {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${+(bytes / 1024).toFixed(1)} KB`;
  return `${+(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/**
 * Why a file is not sent at all: it is over the server's limit (its size is known before a byte is read),
 * or empty. Null when it may be sent.
 */
export function refusedBeforeSending(name, size, maxBytes) {
  if (size === 0) return `${name} is empty: a trace file is Zipkin v2 JSON, Jaeger JSON or OTLP/JSON.`;
  if (maxBytes && size > maxBytes) {
    return `${name} is ${sizeText(size)}, larger than the ${sizeText(maxBytes)} a file may be (tracer.files.max-size).`;
  }
  return null;
}

/**
 * Where an opened file leads: the trace page when it held one trace, else a list.
 * @param {{traces: Array<{trace_id: string}>}} answer the server's answer to POST /api/files
 */
export function destination(answer) {
  if (answer.traces.length === 1) return { page: 'trace', href: traceHref(answer.traces[0].trace_id) };
  return { page: 'list', traces: answer.traces };
}

export function traceHref(traceId) {
  return `/?trace=${encodeURIComponent(traceId)}`;
}

/** The download links of a trace, one per format the server writes. */
export function downloadHrefs(traceId) {
  const id = encodeURIComponent(traceId);
  return { zipkin: `/api/traces/${id}/download?format=zipkin`, otlp: `/api/traces/${id}/download?format=otlp` };
}

/**
 * @param {{toggle: HTMLButtonElement, section: HTMLElement, input: HTMLInputElement, limit: HTMLElement,
 *   pasteForm: HTMLFormElement, paste: HTMLTextAreaElement, result: HTMLElement, dropZone: HTMLElement}} elements
 * @param {{showMessage: function(string), clearMessage: function()}} page
 */
export function startOpenFile(elements, page) {
  let maxBytes = 0;
  api.fileLimits().then((limits) => {
    maxBytes = limits.max_bytes;
    elements.limit.textContent = `up to ${sizeText(maxBytes)}`;
    elements.limit.dataset.maxBytes = String(maxBytes);
  }, () => { elements.limit.textContent = 'up to the server\'s limit'; });

  const show = () => {
    elements.section.hidden = false;
    elements.toggle.setAttribute('aria-expanded', 'true');
  };
  elements.toggle.addEventListener('click', () => {
    elements.section.hidden = !elements.section.hidden;
    elements.toggle.setAttribute('aria-expanded', String(!elements.section.hidden));
  });

  async function open(name, size, content) {
    show();
    page.clearMessage();
    const refused = refusedBeforeSending(name, size, maxBytes);
    if (refused) {
      fail(refused);
      return;
    }
    elements.result.replaceChildren(el('p', 'muted', `Opening ${name}…`));
    let answer;
    try {
      answer = await api.openFile(content);
    } catch (e) {
      fail(`${name} could not be opened: ${e.problem && e.problem.detail ? e.problem.detail : e.message}`);
      return;
    }
    const next = destination(answer);
    if (next.page === 'trace') {
      location.href = next.href;
      return;
    }
    elements.result.replaceChildren(openedList(name, answer));
  }

  function fail(text) {
    elements.result.replaceChildren(el('p', 'error-text', text));
    page.showMessage(text);
  }

  elements.input.addEventListener('change', () => {
    const file = elements.input.files[0];
    if (file) open(file.name, file.size, file);
    // the same file chosen again is a change too
    elements.input.value = '';
  });
  elements.pasteForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = elements.paste.value;
    open('The pasted text', new Blob([text]).size, text);
  });

  // a file dragged anywhere over the page: the page shows where it may be dropped
  let depth = 0;
  const carriesFiles = (event) => event.dataTransfer && [...event.dataTransfer.types].includes('Files');
  document.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return;
    depth++;
    elements.dropZone.hidden = false;
  });
  document.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) elements.dropZone.hidden = true;
  });
  document.addEventListener('dragover', (event) => {
    if (carriesFiles(event)) event.preventDefault();
  });
  document.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    depth = 0;
    elements.dropZone.hidden = true;
    const file = event.dataTransfer.files[0];
    if (file) open(file.name, file.size, file);
  });
}

function openedList(name, answer) {
  const box = el('div', 'opened');
  box.append(el('p', '', `${name}: ${answer.format_name}, ${plural(answer.span_count, 'span')} in `
    + `${plural(answer.traces.length, 'trace')}, kept in the store.`));
  const table = el('table', 'traces opened-traces');
  const head = el('tr');
  for (const title of ['Root', 'Start', 'Duration', 'Spans', 'Breaks']) head.append(el('th', '', title));
  table.append(el('thead'));
  table.tHead.append(head);
  const body = el('tbody');
  for (const trace of answer.traces) {
    const row = el('tr');
    row.dataset.traceId = trace.trace_id;
    const link = el('a', '', `${trace.root_service || '?'}: ${trace.root_name || trace.trace_id}`);
    link.href = traceHref(trace.trace_id);
    const root = el('td');
    root.append(link);
    row.append(root, el('td', '', time(trace.start)), el('td', '', trace.duration ? duration(trace.duration) : 'unknown'),
      el('td', '', trace.span_count), el('td', trace.breaks ? 'error-text' : '', trace.breaks));
    body.append(row);
  }
  table.append(body);
  box.append(table);
  return box;
}

/** Points the trace page's download links at the trace shown. */
export function showDownloads(elements, traceId) {
  const hrefs = downloadHrefs(traceId);
  elements.zipkin.href = hrefs.zipkin;
  elements.otlp.href = hrefs.otlp;
  elements.box.hidden = false;
}
