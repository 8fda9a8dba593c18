/**
 * The propagation map page (/propagation.html): draws what GET /api/propagation answers, services as
 * boxes where the server placed them and calls as arrows coloured by the server's verdict; a click on an
 * arrow lists its broken calls, each a link to its trace. Every failure ends as a message in the page.
 */
import * as api from './api.js';
import { el, plural, time } from './format.js';
import {
  BOX, WINDOWS, brokenQuery, edgeClass, edgeLabel, edgeTitle, labelPoint, nodes, pathOf, percent,
  labelReasons, shortName, traceLink, windowFrom,
} from './propagation-model.js';

const SVG = 'http://www.w3.org/2000/svg';
const REFRESH_MS = 15000;
const VERDICTS = ['continued', 'broken', 'possibly_broken', 'untraced'];

const $ = (id) => document.getElementById(id);

/** The page's one piece of state; `window.tracerMap` for tests and the console. */
const map = { since: windowFrom(location.search), doc: null, selected: null };
window.tracerMap = map;

function svg(tag, attributes, className) {
  const e = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes || {})) e.setAttribute(name, String(value));
  if (className) e.setAttribute('class', className);
  return e;
}

function showMessage(text) { const m = $('message'); m.textContent = text; m.hidden = false; }

function start() {
  for (const w of WINDOWS) {
    const button = el('button', null, w.label);
    button.type = 'button';
    button.dataset.since = w.since;
    button.addEventListener('click', () => {
      map.since = w.since;
      history.replaceState(null, '', `?since=${w.since}`);
      load(false);
    });
    $('windows').append(button);
  }
  const fit = el('button', null, 'Fit');
  fit.type = 'button';
  fit.id = 'fit';
  fit.title = 'Scale the whole map into the window';
  fit.setAttribute('aria-pressed', 'false');
  fit.addEventListener('click', () => {
    const on = $('map').classList.toggle('fit');
    fit.setAttribute('aria-pressed', String(on));
  });
  $('windows').after(fit);
  load(false);
  setInterval(() => { if (!document.hidden) load(true); }, REFRESH_MS);
}

async function load(quiet) {
  for (const b of $('windows').querySelectorAll('button')) b.setAttribute('aria-pressed', String(b.dataset.since === map.since));
  if (!quiet) $('loading').hidden = false;
  const since = map.since;
  let doc;
  try {
    doc = await api.propagation(since);
  } catch (e) {
    $('loading').hidden = true;
    showMessage(`The propagation map could not be loaded: ${e.message}`);
    return;
  }
  if (since !== map.since) return; // another window was chosen meanwhile
  $('loading').hidden = true;
  $('message').hidden = true;
  map.doc = doc;
  draw(doc);
  summarise(doc);
  const again = map.selected && doc.edges.find((e) => e.from === map.selected.from && e.to === map.selected.to);
  if (again) select(again, quiet);
  else if (map.selected) { map.selected = null; clearPanel(); }
  document.body.dataset.ready = 'map';
}

function summarise(doc) {
  const breaking = doc.edges.filter((e) => e.verdict === 'broken').length;
  const label = WINDOWS.find((w) => w.since === map.since).label;
  $('map-summary').textContent = doc.edges.length === 0
    ? `No calls judged in the last ${label} (${time(Date.parse(doc.since) * 1000)} to now). A call is judged once its trace has settled (tracer.breaks.settle).`
    : `Last ${label}: ${plural(doc.services.length, 'service')}, ${plural(doc.edges.length, 'edge')}, ${breaking} losing the context.`;
}

function draw(doc) {
  const canvas = $('map');
  const width = Math.max(doc.width, 300);
  const height = Math.max(doc.height, 120);
  const root = svg('svg', { width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': 'propagation map' });
  const defs = svg('defs');
  for (const verdict of VERDICTS) {
    const name = verdict.replace(/_/g, '-');
    const marker = svg('marker', { id: `arrow-${name}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
    marker.append(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }, `arrow-${name}`));
    defs.append(marker);
  }
  root.append(defs);
  const edgeLayer = svg('g');
  const labelLayer = svg('g');
  for (const edge of doc.edges) {
    const g = svg('g', { tabindex: 0, role: 'button', 'data-from': edge.from, 'data-to': edge.to === null ? '' : edge.to, 'data-verdict': edge.verdict }, edgeClass(edge));
    const title = svg('title');
    title.textContent = edgeTitle(edge);
    const d = pathOf(edge.points, BOX);
    g.append(title, svg('path', { d }, 'hit'),
      svg('path', { d, 'marker-end': `url(#arrow-${edge.verdict.replace(/_/g, '-')})` }, 'line'));
    const text = edgeLabel(edge);
    if (text) {
      const [x, y] = labelPoint(edge.points);
      const label = svg('text', { x, y });
      const share = svg('tspan', { x, dy: 0 });
      share.textContent = text;
      label.append(share);
      if (edge.reasons.length) {
        const reasons = svg('tspan', { x, dy: 14 }, 'reasons');
        reasons.textContent = labelReasons(edge);
        label.append(reasons);
      }
      g.append(label);
    }
    g.addEventListener('click', () => select(edge, false));
    g.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); select(edge, false); }
    });
    edgeLayer.append(g);
  }
  const nodeLayer = svg('g');
  for (const node of nodes(doc)) {
    const g = svg('g', { 'data-service': node.key, 'data-kind': node.kind, transform: `translate(${node.x} ${node.y})` }, `node ${node.kind}`);
    const title = svg('title');
    title.textContent = node.kind === 'traced' ? node.name
      : node.kind === 'untraced' ? `${node.name}: writes no spans (a database, cache or third party)`
        : `calls of ${node.of} whose callee nothing names`;
    const name = svg('text', { x: 0, y: 0 });
    name.textContent = shortName(node.name);
    g.append(title, svg('rect', { x: -BOX.halfWidth, y: -BOX.halfHeight, width: 2 * BOX.halfWidth, height: 2 * BOX.halfHeight }), name);
    nodeLayer.append(g);
  }
  // labels above the boxes and lines, so that a share is never hidden
  root.append(edgeLayer, nodeLayer, labelLayer);
  for (const label of edgeLayer.querySelectorAll('text')) labelLayer.append(moveLabel(label));
  canvas.replaceChildren(root);
}

/** Lifts a label out of its edge's group and keeps a click on it selecting that edge. */
function moveLabel(label) {
  const group = label.parentNode;
  const holder = svg('g', { 'data-label-of': `${group.dataset.from}→${group.dataset.to}` }, group.getAttribute('class'));
  holder.append(label);
  holder.addEventListener('click', () => group.dispatchEvent(new Event('click')));
  return holder;
}

function clearPanel() {
  $('edge-panel').replaceChildren(el('p', 'muted', 'Click an arrow (or Tab to it and press Enter) to list its broken calls.'));
}

async function select(edge, quiet) {
  map.selected = edge;
  for (const g of $('map').querySelectorAll('g.edge')) {
    g.classList.toggle('selected', g.dataset.from === edge.from && g.dataset.to === (edge.to === null ? '' : edge.to));
  }
  const panel = $('edge-panel');
  const heading = el('h2', null, `${edge.from} → ${edge.to === null ? 'unknown callee' : edge.to}`);
  const counts = el('table');
  const row = (name, value) => { const tr = el('tr'); tr.append(el('td', 'muted', name), el('td', null, value)); counts.append(tr); };
  row('calls', edge.calls);
  row('continued', edge.continued);
  row('broken', edge.broken ? `${edge.broken} (${percent(edge.broken_share)} of ${edge.continued + edge.broken} followed)` : '0');
  if (edge.possible) row('of them possible', `${edge.possible}: only an absence says so`);
  for (const r of edge.reasons) row(`· ${r.reason}`, r.count);
  if (edge.untraced) row('untraced callee', edge.untraced);
  if (edge.unknown_callee) row('unknown callee', edge.unknown_callee);
  const list = el('section', 'pmap-broken');
  panel.replaceChildren(heading, counts, list);
  if (!edge.broken) {
    list.append(el('p', 'muted', edge.verdict === 'untraced'
      ? 'The callee writes no spans: nothing could continue the trace, so nothing broke.'
      : 'No broken calls in this window.'));
    return;
  }
  if (!quiet) list.append(el('p', 'muted', 'Loading the broken calls…'));
  let answer;
  try {
    answer = await api.propagationBroken(brokenQuery(edge, map.since));
  } catch (e) {
    list.replaceChildren(el('p', 'error-text', `The broken calls could not be loaded: ${e.message}`));
    return;
  }
  if (map.selected !== edge) return;
  const items = el('ol');
  for (const call of answer.calls) {
    const li = el('li');
    const link = el('a', 'mono', call.trace_id);
    link.href = traceLink(call);
    li.append(link, el('span', 'muted', ` ${time(call.start)} · `), el('span', null, call.reason), el('span', 'muted', ` · ${call.confidence}`));
    items.append(li);
  }
  list.replaceChildren(el('h3', null, `Broken calls, newest first (${answer.calls.length} of the last ${answer.kept_per_edge} kept)`),
    answer.calls.length ? items : el('p', 'muted', 'None kept in this window.'));
}

start();
