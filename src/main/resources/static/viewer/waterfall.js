/**
 * The waterfall: one row per visible span, in a virtual list, so a 100,000-span trace costs the page
 * the same number of elements as a 10-span one. It paints what the view state says (collapsed rows,
 * marks, selection) and turns clicks and keys into changes of that state; it redraws when the state
 * announces a change, whoever made it.
 */
import { visibleIndex } from './model.js';
import { el } from './format.js';
import { createVirtualList } from './virtual-list.js';
import { createRowSlot, drawAxis, paintRow } from './row-painter.js';

export const ROW_HEIGHT = 24;
const OVERSCAN = 8;

/** The name column's share of the waterfall: Jaeger UI's bounds for its resizable column. */
const LABEL_MIN = 0.15, LABEL_MAX = 0.85, LABEL_STEP = 0.02;
const LABEL_KEY = 'tracer.labelWidth';

/**
 * @param {HTMLElement} container where the waterfall goes
 * @param {object} state the view state (view-state.js), over the trace model
 * @param {{onOpen: function(number), onLayout: function()}} events
 *   onOpen: details asked for (click, Enter, a selection that asks to open); onLayout: rows were drawn
 *   at a new scroll position (the minimap's window follows)
 */
export function createWaterfall(container, state, events) {
  const model = state.model;
  container.replaceChildren();
  const axis = el('div', 'wf-axis');
  const scroller = el('div', 'wf-scroll');
  scroller.tabIndex = 0;
  scroller.setAttribute('role', 'grid');
  scroller.setAttribute('aria-label', 'spans of the trace');
  container.append(axis, scroller);
  drawAxis(axis, model);

  const list = createVirtualList(scroller, {
    rowHeight: ROW_HEIGHT,
    overscan: OVERSCAN,
    count: () => model.visibleCount,
    itemAt: (index) => model.visible[index],
    createSlot: createRowSlot,
    paint: (slot, row) => paintRow(slot, model, row, state.selected),
    onLayout: events.onLayout,
  });

  state.subscribe((change) => {
    list.invalidate();
    if (change.type === 'selection' || change.type === 'show') list.scrollToIndex(visibleIndex(model, change.row));
    if (change.type === 'selection' && change.open) events.onOpen(change.row);
  });

  list.layer.addEventListener('click', (event) => {
    const rowElement = event.target.closest('.row');
    if (!rowElement) return;
    const row = Number(rowElement.dataset.row);
    if (event.target.closest('.tog')) state.toggle(row);
    else state.select(row, true);
  });
  scroller.addEventListener('keydown', (event) => {
    const selected = state.selected;
    const index = selected >= 0 ? visibleIndex(model, selected) : -1;
    const move = (to) => {
      event.preventDefault();
      if (model.visibleCount > 0) state.select(model.visible[Math.max(0, Math.min(model.visibleCount - 1, to))], false);
    };
    switch (event.key) {
      case 'ArrowDown': move(index + 1); break;
      case 'ArrowUp': move(index < 0 ? 0 : index - 1); break;
      case 'PageDown': move(index + list.pageSize()); break;
      case 'PageUp': move(index - list.pageSize()); break;
      case 'Home': move(0); break;
      case 'End': move(model.visibleCount - 1); break;
      case 'ArrowRight': if (selected >= 0 && model.collapsed[selected]) { event.preventDefault(); state.toggle(selected); } break;
      case 'ArrowLeft': if (selected >= 0 && model.size[selected] > 1 && !model.collapsed[selected]) { event.preventDefault(); state.toggle(selected); } break;
      case 'Enter': if (selected >= 0) { event.preventDefault(); events.onOpen(selected); } break;
      default:
    }
  });

  resizableLabels(container, axis);
  list.render();
  return {
    scroller,
    render: list.render,
    scrollToFraction: list.scrollToFraction,
    rowElements() { return list.layer.querySelectorAll('.row'); },
  };
}

/**
 * The name column is as wide as the reader makes it (as in Jaeger UI): its right edge in the axis is
 * dragged, or moved with the arrow keys; the width holds for every trace opened in this browser.
 */
function resizableLabels(container, axis) {
  const resizer = axis.querySelector('.col-resizer');
  if (!resizer) return;
  const set = (fraction) => {
    const share = clampLabelShare(fraction);
    container.style.setProperty('--label-width', `${(share * 100).toFixed(1)}%`);
    resizer.setAttribute('aria-valuenow', String(Math.round(share * 100)));
    try { localStorage.setItem(LABEL_KEY, String(share)); } catch { /* storage off: the width lasts this page */ }
    return share;
  };
  let share = null;
  try { share = Number(localStorage.getItem(LABEL_KEY)) || null; } catch { share = null; }
  if (share) set(share);
  else share = labelShareOf(container);
  const fromPointer = (event) => {
    const box = container.getBoundingClientRect();
    share = set((event.clientX - box.left) / Math.max(1, box.width));
  };
  let dragging = false;
  resizer.addEventListener('pointerdown', (event) => {
    event.preventDefault();
    dragging = true;
    resizer.setPointerCapture(event.pointerId);
  });
  resizer.addEventListener('pointermove', (event) => { if (dragging) fromPointer(event); });
  resizer.addEventListener('pointerup', () => { dragging = false; });
  resizer.addEventListener('keydown', (event) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    share = set((share ?? labelShareOf(container)) + (event.key === 'ArrowRight' ? LABEL_STEP : -LABEL_STEP));
  });
}

function labelShareOf(container) {
  const label = container.querySelector('.wf-axis .label');
  const width = container.getBoundingClientRect().width;
  return label && width ? label.getBoundingClientRect().width / width : 0.4;
}

/** A share of the width kept within the column's bounds. */
export function clampLabelShare(fraction) {
  return Math.min(LABEL_MAX, Math.max(LABEL_MIN, Number.isFinite(fraction) ? fraction : 0.4));
}
