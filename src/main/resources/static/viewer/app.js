/**
 * The viewer's root: picks the page from the URL (/ is the list, /?trace=<id> a trace), owns the one
 * piece of state (the open trace's model) and wires the modules together. Every failure ends as a
 * message in the page.
 */
import * as api from './api.js';
import { startList } from './list.js';
import { startPaste } from './paste.js';
import { fromView, collapseBelow, reveal } from './model.js';
import { createWaterfall, ROW_HEIGHT } from './waterfall.js';
import { createMinimap } from './minimap.js';
import { showDetails } from './details.js';
import { createFind } from './find.js';
import { showCriticalPath } from './critical.js';
import { showFindings } from './findings.js';
import { showHeader } from './header.js';
import { bySpan, showBreaks } from './breaks.js';

const $ = (id) => document.getElementById(id);

const page = {
  showMessage(text) { const m = $('message'); m.textContent = text; m.hidden = false; },
  clearMessage() { $('message').hidden = true; },
};

/** The open trace, for tests and the console: one root, no other globals. */
const app = { model: null, waterfall: null };
window.tracerViewer = app;

function start() {
  startPaste({ form: $('paste-form'), input: $('paste-input'), result: $('paste-result') });
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
    startList({ form: $('filters'), service: $('filter-service'), min: $('filter-min'), errors: $('filter-errors'),
      body: document.querySelector('#trace-list tbody'), storeLine: $('store-line'), serviceNames: $('service-names') }, page);
  }
}

async function openTrace(traceId) {
  document.title = `trace ${traceId} · tracer`;
  $('open-id').value = traceId;
  $('loading').hidden = false;
  let doc;
  // the breaks are asked for alongside the view; a trace is still worth drawing when they fail
  const breaks = api.breaks(traceId).then((answer) => answer.breaks, (e) => e);
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
  showHeader($('trace-header'), $('banner'), model);
  const found = await breaks;
  if (found instanceof Error) page.showMessage(`The breaks of trace ${traceId} could not be loaded: ${found.message}`);
  else {
    model.breaks = bySpan(found);
    showBreaks($('break-banner'), found);
  }

  let minimap = null;
  const goToRow = (row) => { reveal(model, row); waterfall.relayout(); waterfall.select(row, true); };
  const waterfall = createWaterfall($('waterfall'), model, {
    onSelect: () => {},
    onOpen: (row) => showDetails($('details'), model, row, goToRow),
    onLayout: () => { if (minimap) minimap.drawWindow(); },
    onRowsChanged: () => { if (minimap) minimap.draw(); },
  });
  app.waterfall = waterfall;
  minimap = createMinimap($('minimap'), model, waterfall, ROW_HEIGHT);
  minimap.draw();
  showCriticalPath($('critical'), model, goToRow);
  showFindings($('findings'), model, waterfall);
  createFind({ form: $('find-form'), input: $('find-input'), status: $('find-status') }, model, waterfall);
  $('collapse-depth').addEventListener('change', (event) => {
    const depth = Number(event.target.value);
    collapseBelow(model, depth >= 1 ? depth : null);
    waterfall.relayout();
  });
  $('expand-all').addEventListener('click', () => {
    $('collapse-depth').value = '';
    collapseBelow(model, null);
    waterfall.relayout();
  });
  waterfall.scroller.focus({ preventScroll: true });
  // the first rows are painted after the next frame has been produced: mark it for measurement
  requestAnimationFrame(() => requestAnimationFrame(() => {
    performance.mark('tracer:first-rows');
    document.body.dataset.ready = 'trace';
  }));
}

start();
