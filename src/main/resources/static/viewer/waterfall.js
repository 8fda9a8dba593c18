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

  list.render();
  return {
    scroller,
    render: list.render,
    scrollToFraction: list.scrollToFraction,
    rowElements() { return list.layer.querySelectorAll('.row'); },
  };
}
