/**
 * How one span row looks: its label (indent, toggle, service, name, badges), its bar, its time and its
 * critical-path segments, all written from the model's typed arrays into a reused slot.
 */
import { CRITICAL, CYCLE, CYCLE_CUT, DUPLICATE, ERROR, ORPHAN, SHARED, SHIFTED, annotationsOf, drawnStart, hasChildren,
  spanId } from './model.js';
import { skewText } from './skew.js';
import { markClass } from './findings.js';
import { duration, el, serviceClass, spanDuration } from './format.js';
import * as breaks from './breaks.js';

const MAX_SEGMENTS_DRAWN = 16;
const MAX_TICKS_DRAWN = 32;

/** Indent per level up to FULL_INDENT_LEVELS, then a narrower step, then none: deep names stay in view. */
const INDENT = 14;
const FULL_INDENT_LEVELS = 6;
const DEEP_INDENT = 2;
const MAX_DEEP_LEVELS = 16;

/** The label's left padding for a depth (1 for a root), in pixels: never more than 120. */
export function indentPx(depth) {
  const levels = Math.max(0, depth - 1);
  const full = Math.min(levels, FULL_INDENT_LEVELS);
  const deep = Math.min(Math.max(0, levels - FULL_INDENT_LEVELS), MAX_DEEP_LEVELS);
  return full * INDENT + deep * DEEP_INDENT + 4;
}

/** Where the indent no longer shows the depth in full, the row says it: "12" from depth 8 on. */
export function depthMark(depth) {
  return depth > FULL_INDENT_LEVELS + 1 ? String(depth) : '';
}

/**
 * Who the row is about: its service and, when it names a callee, the callee: "frontend → memcache" for
 * a call or a send, "servicea ← kafka" for a consumer, which receives from its remote. The callee is
 * the server's (TraceView's remote column), never worked out here.
 */
export function serviceLabel(model, row) {
  const own = model.services[model.service[row]] || '(no service)';
  const remote = model.remote[row];
  if (remote < 0) return own;
  const arrow = model.kinds[model.kind[row]] === 'consumer' ? '←' : '→';
  return `${own} ${arrow} ${model.services[remote] || '(no service)'}`;
}

/** A row's elements, made once and painted many times. */
export function createRowSlot() {
  const root = el('div', 'row');
  root.setAttribute('role', 'row');
  const label = el('div', 'label');
  const toggle = el('button', 'tog');
  toggle.type = 'button';
  toggle.tabIndex = -1;
  const dot = el('span', 'dot');
  const service = el('span', 'svc');
  const name = el('span', 'name');
  const badges = el('span', 'badges');
  const skew = el('span', 'skew');
  const depth = el('span', 'depth');
  label.append(toggle, depth, dot, service, name, badges, skew);
  const lane = el('div', 'lane');
  const bar = el('div', 'bar');
  const ticks = el('div', 'ticks');
  const segments = el('div', 'segs');
  const time = el('span', 'dur');
  lane.append(bar, ticks, segments, time);
  root.append(label, lane);
  return { root, label, toggle, depth, dot, service, name, badges, skew, bar, ticks, segments, time };
}

/**
 * Writes one row of the model into a slot.
 *
 * @param {object} slot from createRowSlot
 * @param {object} model the trace model
 * @param {number} row the row to paint
 * @param {number} selected the selected row, or -1
 */
export function paintRow(slot, model, row, selected) {
  const flags = model.flags[row];
  const depth = model.depth[row];
  const svc = model.service[row];
  const id = spanId(model, row);
  const broken = model.breaks.get(id);
  slot.root.dataset.row = row;
  slot.root.dataset.spanId = id;
  slot.root.dataset.depth = depth;
  slot.root.className = `row ${serviceClass(svc)}`
    + (flags & CRITICAL ? ' crit' : '') + (flags & ERROR ? ' error' : '') + (flags & ORPHAN ? ' orphan' : '')
    + (flags & CYCLE ? ' cycle' : '') + (flags & DUPLICATE ? ' dup' : '') + (broken ? ` ${breaks.rowClass(broken)}` : '')
    + (flags & SHARED ? ' rpc' : '') + (flags & SHIFTED && !model.recorded ? ' shifted' : '')
    + (row === selected ? ' selected' : '') + (model.hit[row] ? ' hit' : '') + markClass(model, row);
  slot.root.setAttribute('aria-selected', row === selected ? 'true' : 'false');
  slot.label.style.paddingLeft = `${indentPx(depth)}px`;
  if (slot.depth) {
    slot.depth.textContent = depthMark(depth);
    slot.depth.hidden = !slot.depth.textContent;
    slot.depth.title = `depth ${depth}`;
  }
  const parent = hasChildren(model, row);
  slot.toggle.textContent = parent ? (model.collapsed[row] ? '▸' : '▾') : '';
  slot.toggle.disabled = !parent;
  slot.toggle.setAttribute('aria-label', parent ? (model.collapsed[row] ? 'expand' : 'collapse') : '');
  // a call names both ends: the caller's service, then the callee (an RPC's server, a database, a broker)
  slot.service.textContent = serviceLabel(model, row);
  const skew = model.skews.get(row);
  slot.skew.textContent = skew ? skewText(model, skew) + (model.recorded ? ' (showing recorded times)' : '') : '';
  slot.skew.hidden = !skew;
  slot.skew.title = slot.skew.textContent;
  slot.name.textContent = model.names[model.name[row]] || '(no name)';
  slot.badges.textContent = badges(flags, parent && model.collapsed[row] ? model.size[row] - 1 : 0, breaks.badge(broken));
  // the label column may be narrower than a name: the whole label is always on hover
  slot.label.title = `${slot.service.textContent} · ${slot.name.textContent}`
    + (slot.badges.textContent ? ` · ${slot.badges.textContent}` : '') + ` (depth ${depth})`;
  const width = Math.max((model.dur[row] / model.duration) * 100, 0.15);
  // a span at the trace's very end still shows its minimum width inside the lane, not past it
  const left = Math.min((drawnStart(model, row) / model.duration) * 100, 100 - width);
  slot.bar.style.left = `${left}%`;
  slot.bar.style.width = `${width}%`;
  slot.time.textContent = spanDuration(model.dur[row]);
  slot.time.title = model.dur[row] ? '' : 'the span recorded no duration';
  if (slot.ticks) drawTicks(slot.ticks, model, row);
  // after the bar, or before it when the bar ends near the right edge, or inside its end when the bar
  // fills the lane: never over the label column
  const place = timePlace(left, width);
  slot.time.style.left = place === 'after' ? `${left + width}%` : '';
  slot.time.style.right = place === 'before' ? `${100 - left}%` : place === 'inside' ? `${100 - left - width}%` : '';
  slot.time.classList.toggle('before', place === 'before');
  slot.time.classList.toggle('inside', place === 'inside');
  // the path was computed on placed times: shown as recorded, a shifted row's segments move with its bar
  drawSegments(slot.segments, model, flags & CRITICAL ? model.segments.get(row) : null,
    model.recorded ? model.shift[row] : 0);
}

/** Where a row's duration goes, by its bar's left and width in percent of the lane. */
export function timePlace(left, width) {
  if (left + width <= 85) return 'after';
  return left >= 15 ? 'before' : 'inside';
}

/** A tick on the lane at each annotation's time, its value and offset from the span's start on hover. */
function drawTicks(box, model, row) {
  box.replaceChildren();
  const list = annotationsOf(model, row);
  if (!list.length) return;
  const start = drawnStart(model, row);
  for (const a of list.slice(0, MAX_TICKS_DRAWN)) {
    const tick = el('span', a.serverHalf ? 'atick server' : 'atick');
    tick.style.left = `${(a.at / model.duration) * 100}%`;
    tick.title = `${a.value} at +${duration(Math.max(0, a.at - start))}${a.serverHalf ? ' (server half)' : ''}`;
    box.append(tick);
  }
}

function drawSegments(box, model, list, offset) {
  box.replaceChildren();
  if (!list) return;
  const count = list.length / 2;
  if (count > MAX_SEGMENTS_DRAWN) {
    // too many to draw one by one: the span's whole extent on the path, marked as one
    box.append(segment(model, list[0] - offset, list[list.length - 1] - offset));
    return;
  }
  for (let i = 0; i < list.length; i += 2) box.append(segment(model, list[i] - offset, list[i + 1] - offset));
}

function segment(model, from, to) {
  const s = el('div', 'seg');
  const width = Math.max(((to - from) / model.duration) * 100, 0.15);
  s.style.left = `${Math.min((from / model.duration) * 100, 100 - width)}%`;
  s.style.width = `${width}%`;
  return s;
}

/** The words after a row's name: its break, its flags, how many rows its collapse hides. */
export function badges(flags, hidden, broken) {
  const words = [];
  if (broken) words.push(broken);
  if (flags & ORPHAN) words.push('orphan');
  if (flags & CYCLE_CUT) words.push('cycle cut here');
  else if (flags & CYCLE) words.push('cycle');
  if (flags & DUPLICATE) words.push('duplicate id');
  if (flags & ERROR) words.push('error');
  if (hidden) words.push(`+${hidden.toLocaleString()} hidden`);
  return words.join(' · ');
}

/** The time axis above the rows: the trace's duration in quarters. */
export function drawAxis(axis, model) {
  const label = el('div', 'label', 'Service · span');
  // the label column's right edge: drag it, or focus it and use the arrow keys (waterfall.js)
  const resizer = el('span', 'col-resizer');
  resizer.setAttribute('role', 'separator');
  resizer.setAttribute('aria-orientation', 'vertical');
  resizer.setAttribute('aria-label', 'width of the name column');
  resizer.tabIndex = 0;
  resizer.title = 'Drag to widen the names (or focus and use ← →)';
  label.append(resizer);
  axis.replaceChildren(label);
  const lane = el('div', 'lane');
  for (let i = 0; i <= 4; i++) {
    const tick = el('span', 'tick', duration((model.duration * i) / 4));
    tick.style.left = `${i * 25}%`;
    lane.append(tick);
  }
  axis.append(lane);
}
