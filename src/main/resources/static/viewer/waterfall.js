/**
 * The waterfall: one row per visible span, virtualised. Only the rows in and near the viewport exist
 * as elements (a pool of a few dozen, reused as the page scrolls); their content is rewritten from the
 * model's typed arrays, once per animation frame at most. A 100,000-span trace costs the page the same
 * number of elements as a 10-span one.
 */
import { CRITICAL, CYCLE, CYCLE_CUT, DUPLICATE, ERROR, ORPHAN, hasChildren, spanId, updateVisible,
  visibleIndex } from './model.js';
import { duration, el, serviceClass } from './format.js';
import * as breaks from './breaks.js';
import { markClass } from './findings.js';

export const ROW_HEIGHT = 24;
const OVERSCAN = 8;
const MAX_INDENT_LEVELS = 40;
const INDENT = 14;
const MAX_SEGMENTS_DRAWN = 16;

/**
 * @param {HTMLElement} container where the waterfall goes
 * @param {object} model the trace model
 * @param {{onSelect: function(number), onOpen: function(number), onLayout: function(),
 *   onRowsChanged: function()}} events
 *   onSelect: a row became the selected one; onOpen: details asked for (click, Enter); onLayout: rows
 *   were drawn at a new scroll position (the minimap's window follows); onRowsChanged: rows were
 *   collapsed or expanded (the minimap redraws)
 */
export function createWaterfall(container, model, events) {
  container.replaceChildren();
  const axis = el('div', 'wf-axis');
  const scroller = el('div', 'wf-scroll');
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'grid');
  scroller.setAttribute('aria-label', 'spans of the trace');
  const spacer = el('div', 'wf-spacer');
  const layer = el('div', 'wf-rows');
  scroller.append(spacer, layer);
  container.append(axis, scroller);
  drawAxis(axis, model);

  const pool = [];
  let selected = -1;
  let frame = 0;

  function ensurePool() {
    const wanted = Math.ceil(scroller.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN;
    while (pool.length < wanted) {
      const row = makeRow();
      pool.push(row);
      layer.append(row.root);
    }
  }

  function makeRow() {
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
    label.append(toggle, dot, service, name, badges);
    const lane = el('div', 'lane');
    const bar = el('div', 'bar');
    const segments = el('div', 'segs');
    const time = el('span', 'dur');
    lane.append(bar, segments, time);
    root.append(label, lane);
    return { root, label, toggle, dot, service, name, badges, bar, segments, time, row: -2, version: -1 };
  }

  let version = 0; // bumped when something a row shows changes without its row number changing

  function render() {
    frame = 0;
    ensurePool();
    spacer.style.height = `${model.visibleCount * ROW_HEIGHT}px`;
    const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
    for (let i = 0; i < pool.length; i++) {
      const slot = pool[i];
      const index = first + i;
      if (index >= model.visibleCount) {
        if (slot.row !== -1) { slot.root.hidden = true; slot.row = -1; }
        continue;
      }
      const row = model.visible[index];
      slot.root.style.transform = `translateY(${index * ROW_HEIGHT}px)`;
      if (slot.row !== row || slot.version !== version) fill(slot, row);
    }
    events.onLayout();
  }

  function fill(slot, row) {
    slot.row = row;
    slot.version = version;
    slot.root.hidden = false;
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
      + (row === selected ? ' selected' : '') + (model.hit[row] ? ' hit' : '') + markClass(model, row);
    slot.root.setAttribute('aria-selected', row === selected ? 'true' : 'false');
    slot.label.style.paddingLeft = `${Math.min(depth - 1, MAX_INDENT_LEVELS) * INDENT + 4}px`;
    const parent = hasChildren(model, row);
    slot.toggle.textContent = parent ? (model.collapsed[row] ? '▸' : '▾') : '';
    slot.toggle.disabled = !parent;
    slot.toggle.setAttribute('aria-label', parent ? (model.collapsed[row] ? 'expand' : 'collapse') : '');
    slot.service.textContent = model.services[svc] || '(no service)';
    slot.name.textContent = (depth > MAX_INDENT_LEVELS + 1 ? `[depth ${depth}] ` : '') + (model.names[model.name[row]] || '(no name)');
    slot.badges.textContent = badges(flags, parent && model.collapsed[row] ? model.size[row] - 1 : 0, breaks.badge(broken));
    const left = (model.start[row] / model.duration) * 100;
    const width = Math.max((model.dur[row] / model.duration) * 100, 0.15);
    slot.bar.style.left = `${left}%`;
    slot.bar.style.width = `${width}%`;
    slot.time.textContent = duration(model.dur[row]);
    // after the bar, or before it when the bar ends near the right edge
    const late = left + width > 85;
    slot.time.style.left = late ? '' : `${left + width}%`;
    slot.time.style.right = late ? `${100 - left}%` : '';
    slot.time.classList.toggle('before', late);
    drawSegments(slot.segments, flags & CRITICAL ? model.segments.get(row) : null);
  }

  function drawSegments(box, list) {
    box.replaceChildren();
    if (!list) return;
    const count = list.length / 2;
    if (count > MAX_SEGMENTS_DRAWN) {
      // too many to draw one by one: the span's whole extent on the path, marked as one
      box.append(segment(list[0], list[list.length - 1]));
      return;
    }
    for (let i = 0; i < list.length; i += 2) box.append(segment(list[i], list[i + 1]));
  }

  function segment(from, to) {
    const s = el('div', 'seg');
    s.style.left = `${(from / model.duration) * 100}%`;
    s.style.width = `${Math.max(((to - from) / model.duration) * 100, 0.15)}%`;
    return s;
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(render);
  }

  function toggle(row) {
    if (!hasChildren(model, row)) return;
    model.collapsed[row] ^= 1;
    relayout();
  }

  /** After collapsed rows changed: recompute what is visible and redraw every row. */
  function relayout() {
    updateVisible(model);
    events.onRowsChanged();
    version++;
    if (selected >= 0 && visibleIndex(model, selected) < 0) selected = -1;
    schedule();
  }

  function select(row, open) {
    selected = row;
    version++;
    scrollToRow(row);
    events.onSelect(row);
    if (open) events.onOpen(row);
  }

  function scrollToRow(row) {
    const index = visibleIndex(model, row);
    if (index < 0) return;
    const top = index * ROW_HEIGHT;
    if (top < scroller.scrollTop || top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) {
      scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 3);
    }
    schedule();
  }

  scroller.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);
  layer.addEventListener('click', (event) => {
    const rowElement = event.target.closest('.row');
    if (!rowElement) return;
    const row = Number(rowElement.dataset.row);
    if (event.target.closest('.tog')) toggle(row);
    else select(row, true);
  });
  scroller.addEventListener('keydown', (event) => {
    const index = selected >= 0 ? visibleIndex(model, selected) : -1;
    const move = (to) => {
      event.preventDefault();
      if (model.visibleCount > 0) select(model.visible[Math.max(0, Math.min(model.visibleCount - 1, to))], false);
    };
    switch (event.key) {
      case 'ArrowDown': move(index + 1); break;
      case 'ArrowUp': move(index < 0 ? 0 : index - 1); break;
      case 'PageDown': move(index + Math.floor(scroller.clientHeight / ROW_HEIGHT)); break;
      case 'PageUp': move(index - Math.floor(scroller.clientHeight / ROW_HEIGHT)); break;
      case 'Home': move(0); break;
      case 'End': move(model.visibleCount - 1); break;
      case 'ArrowRight': if (selected >= 0 && model.collapsed[selected]) { event.preventDefault(); toggle(selected); } break;
      case 'ArrowLeft': if (selected >= 0 && hasChildren(model, selected) && !model.collapsed[selected]) { event.preventDefault(); toggle(selected); } break;
      case 'Enter': if (selected >= 0) { event.preventDefault(); events.onOpen(selected); } break;
      default:
    }
  });

  render();
  return {
    scroller,
    render,
    relayout,
    select,
    scrollToRow,
    /** Scrolls so that the fraction f (0..1) of all visible rows is at the top. */
    scrollToFraction(f) {
      scroller.scrollTop = f * model.visibleCount * ROW_HEIGHT - scroller.clientHeight / 2;
      schedule();
    },
    /** Redraw every row: hits or selection changed. */
    refresh() { version++; schedule(); },
    rowElements() { return layer.querySelectorAll('.row'); },
  };
}

function badges(flags, hidden, broken) {
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

function drawAxis(axis, model) {
  axis.replaceChildren(el('div', 'label', 'Service · span'));
  const lane = el('div', 'lane');
  for (let i = 0; i <= 4; i++) {
    const tick = el('span', 'tick', duration((model.duration * i) / 4));
    tick.style.left = `${i * 25}%`;
    lane.append(tick);
  }
  axis.append(lane);
}
