/**
 * How one span row looks: its label (indent, toggle, service, name, badges), its bar, its time and its
 * critical-path segments, all written from the model's typed arrays into a reused slot.
 */
import { CRITICAL, CYCLE, CYCLE_CUT, DUPLICATE, ERROR, ORPHAN, SHARED, SHIFTED, drawnStart, hasChildren, spanId }
  from './model.js';
import { skewText } from './skew.js';
import { markClass } from './findings.js';
import { duration, el, serviceClass } from './format.js';
import * as breaks from './breaks.js';

const MAX_INDENT_LEVELS = 40;
const INDENT = 14;
const MAX_SEGMENTS_DRAWN = 16;

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
  label.append(toggle, dot, service, name, badges, skew);
  const lane = el('div', 'lane');
  const bar = el('div', 'bar');
  const segments = el('div', 'segs');
  const time = el('span', 'dur');
  lane.append(bar, segments, time);
  root.append(label, lane);
  return { root, label, toggle, dot, service, name, badges, skew, bar, segments, time };
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
  slot.label.style.paddingLeft = `${Math.min(depth - 1, MAX_INDENT_LEVELS) * INDENT + 4}px`;
  const parent = hasChildren(model, row);
  slot.toggle.textContent = parent ? (model.collapsed[row] ? '▸' : '▾') : '';
  slot.toggle.disabled = !parent;
  slot.toggle.setAttribute('aria-label', parent ? (model.collapsed[row] ? 'expand' : 'collapse') : '');
  // an RPC's row names both ends: the caller's service, then the callee's
  slot.service.textContent = (model.services[svc] || '(no service)')
    + (flags & SHARED ? ` → ${model.services[model.server[row]] || '(no service)'}` : '');
  const skew = model.skews.get(row);
  slot.skew.textContent = skew ? skewText(model, skew) + (model.recorded ? ' (showing recorded times)' : '') : '';
  slot.skew.hidden = !skew;
  slot.skew.title = slot.skew.textContent;
  slot.name.textContent = (depth > MAX_INDENT_LEVELS + 1 ? `[depth ${depth}] ` : '') + (model.names[model.name[row]] || '(no name)');
  slot.badges.textContent = badges(flags, parent && model.collapsed[row] ? model.size[row] - 1 : 0, breaks.badge(broken));
  const left = (drawnStart(model, row) / model.duration) * 100;
  const width = Math.max((model.dur[row] / model.duration) * 100, 0.15);
  slot.bar.style.left = `${left}%`;
  slot.bar.style.width = `${width}%`;
  slot.time.textContent = duration(model.dur[row]);
  // after the bar, or before it when the bar ends near the right edge
  const late = left + width > 85;
  slot.time.style.left = late ? '' : `${left + width}%`;
  slot.time.style.right = late ? `${100 - left}%` : '';
  slot.time.classList.toggle('before', late);
  // the path was computed on placed times: shown as recorded, a shifted row's segments move with its bar
  drawSegments(slot.segments, model, flags & CRITICAL ? model.segments.get(row) : null,
    model.recorded ? model.shift[row] : 0);
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
  s.style.left = `${(from / model.duration) * 100}%`;
  s.style.width = `${Math.max(((to - from) / model.duration) * 100, 0.15)}%`;
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
  axis.replaceChildren(el('div', 'label', 'Service · span'));
  const lane = el('div', 'lane');
  for (let i = 0; i <= 4; i++) {
    const tick = el('span', 'tick', duration((model.duration * i) / 4));
    tick.style.left = `${i * 25}%`;
    lane.append(tick);
  }
  axis.append(lane);
}
