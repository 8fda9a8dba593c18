/**
 * The viewer's root: picks the page from the URL (/ is the list, /?trace=<id> a trace), owns the one
 * piece of state (the open trace's model) and wires the modules together. Every failure ends as a
 * message in the page.
 */
import * as api from './api.js';
import { startList } from './list.js';
import { startPaste } from './paste.js';
import { showDownloads, startOpenFile } from './open-file.js';
import { fromView } from './model.js';
import { createViewState } from './view-state.js';
import { createWaterfall, ROW_HEIGHT } from './waterfall.js';
import { createMinimap } from './minimap.js';
import { showDetails } from './details.js';
import { createFind } from './find.js';
import { showCriticalPath } from './critical.js';
import { showFindings } from './findings.js';
import { showHeader } from './header.js';
import { bySpan, showBreaks } from './breaks.js';
import { followSpanLinks } from './link.js';

const $ = (id) => document.getElementById(id);

const page = {
  showMessage(text) { const m = $('message'); m.textContent = text; m.hidden = false; },
  clearMessage() { $('message').hidden = true; },
};

/** The open trace, for tests and the console: one root, no other globals. */
const app = { model: null, state: null, waterfall: null };
window.tracerViewer = app;

function start() {
  startPaste({ form: $('paste-form'), input: $('paste-input'), result: $('paste-result') });
  startOpenFile({ toggle: $('file-toggle'), section: $('file-open'), input: $('file-input'), limit: $('file-limit'),
    pasteForm: $('file-paste-form'), paste: $('file-paste'), result: $('file-result'), dropZone: $('drop-zone') }, page);
  $('paste-toggle').addEventListener('click', () => {
    const section = $('paste');
    section.hidden = !section.hidden;
    $('paste-toggle').setAttribute('aria-expanded', String(!section.hidden));
    if (!section.hidden) $('paste-input').focus();
  });
  $('open-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const id = $('open-id').value.trim();
    if (!/^([0-9a-fA-F]{16}|[0-9a-fA-F]{32})$/.test(id)) {
      page.showMessage(`"${id}" is not a trace id: expected 16 or 32 hex characters.`);
      return;
    }
    location.href = `/?trace=${id.toLowerCase()}`;
  });
  const traceId = new URLSearchParams(location.search).get('trace');
  if (traceId) openTrace(traceId);
  else {
    $('list-page').hidden = false;
    startList({ form: $('filters'), service: $('filter-service'), spanName: $('filter-span-name'), remoteService: $('filter-remote'),
      tags: $('filter-tags'), min: $('filter-min'), max: $('filter-max'), time: $('filter-time'), range: $('filter-range'),
      from: $('filter-from'), to: $('filter-to'), errors: $('filter-errors'), breaks: $('filter-breaks'),
      incomplete: $('filter-incomplete'), body: document.querySelector('#trace-list tbody'), storeLine: $('store-line'),
      serviceNames: $('service-names') }, page);
  }
}

async function openTrace(traceId) {
  document.title = `trace ${traceId} · tracer`;
  $('open-id').value = traceId;
  $('loading').hidden = false;
  let doc;
  try {
    doc = await api.view(traceId);
  } catch (e) {
    $('loading').hidden = true;
    page.showMessage(e.status === 404 ? `Trace ${traceId} is not in the store (never received, or evicted). ${e.message}`
      : `Trace ${traceId} could not be loaded: ${e.message}`);
    return;
  }
  $('loading').hidden = true;
  performance.mark('tracer:view-loaded');
  const model = fromView(doc);
  performance.mark('tracer:model-built');
  app.model = model;
  $('trace-page').hidden = false;
  showDownloads({ box: $('downloads'), zipkin: $('download-zipkin'), otlp: $('download-otlp') }, traceId);
  showHeader($('trace-header'), $('banner'), model);

  const state = createViewState(model);
  app.state = state;
  const goToRow = (row) => state.select(row, true);
  let minimap = null; // made after the waterfall, whose first layout it follows
  const waterfall = createWaterfall($('waterfall'), state, {
    onOpen: (row) => showDetails($('details'), model, row, goToRow),
    onLayout: () => { if (minimap) minimap.drawWindow(); },
  });
  app.waterfall = waterfall;
  minimap = createMinimap($('minimap'), state, waterfall, ROW_HEIGHT);
  minimap.draw();
  showCriticalPath($('critical'), model, goToRow);
  showFindings($('findings'), model, state);
  createFind({ form: $('find-form'), input: $('find-input'), status: $('find-status') }, model, state);
  followSpanLinks(state, $('span-link'), new URLSearchParams(location.search).get('span'), page);
  $('collapse-depth').addEventListener('change', (event) => {
    const depth = Number(event.target.value);
    state.collapseBelow(depth >= 1 ? depth : null);
  });
  const recorded = $('recorded-times');
  $('recorded-switch').hidden = !model.shift.some((shift) => shift !== 0);
  recorded.checked = false;
  recorded.addEventListener('change', () => state.showRecordedTimes(recorded.checked));
  $('expand-all').addEventListener('click', () => {
    $('collapse-depth').value = '';
    state.collapseBelow(null);
  });
  waterfall.scroller.focus({ preventScroll: true });
  // the first rows are painted after the next frame has been produced: mark it for measurement
  const painted = new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => {
    performance.mark('tracer:first-rows');
    resolve();
  })));
  // the rows never wait for the break analysis, nor share the network and the server with it: the
  // breaks are asked for once the first rows are painted, and a trace is still worth drawing when they fail
  await painted;
  const found = await api.breaks(traceId).then((answer) => answer.breaks, (e) => e);
  if (found instanceof Error) page.showMessage(`The breaks of trace ${traceId} could not be loaded: ${found.message}`);
  else {
    state.setBreaks(bySpan(found));
    showBreaks($('break-banner'), found, model, goToRow);
  }
  requestAnimationFrame(() => requestAnimationFrame(() => {
    performance.mark('tracer:breaks-shown');
    document.body.dataset.ready = 'trace';
  }));
}

start();
