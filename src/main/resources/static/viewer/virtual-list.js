/**
 * A generic virtual list of fixed-height rows: only the rows in and near the viewport exist as
 * elements (a pool of a few dozen, reused as the page scrolls), repainted once per animation frame at
 * most. It knows nothing of spans: the caller says how many items there are, which item sits at an
 * index, and how to make and paint a slot.
 */
import { el } from './format.js';

/**
 * @param {HTMLElement} scroller the scrolling element; the list adds its spacer and row layer to it
 * @param {{rowHeight: number, overscan: number, count: function(): number, itemAt: function(number): number,
 *   createSlot: function(): {root: HTMLElement}, paint: function(object, number): void,
 *   onLayout: function(): void}} options
 *   count: how many items; itemAt: the item shown at a position; paint(slot, item): write an item into
 *   a slot; onLayout: after each repaint (e.g. a minimap follows)
 */
export function createVirtualList(scroller, options) {
  const { rowHeight, overscan } = options;
  const spacer = el('div', 'wf-spacer');
  const layer = el('div', 'wf-rows');
  scroller.append(spacer, layer);
  const pool = [];
  let frame = 0;
  let version = 0; // bumped when items may look different at the same positions

  function ensurePool() {
    const wanted = Math.ceil(scroller.clientHeight / rowHeight) + 2 * overscan;
    while (pool.length < wanted) {
      const slot = options.createSlot();
      slot.item = -2;
      slot.version = -1;
      pool.push(slot);
      layer.append(slot.root);
    }
  }

  function render() {
    frame = 0;
    ensurePool();
    const count = options.count();
    spacer.style.height = `${count * rowHeight}px`;
    const first = Math.max(0, Math.floor(scroller.scrollTop / rowHeight) - overscan);
    for (let i = 0; i < pool.length; i++) {
      const slot = pool[i];
      const index = first + i;
      if (index >= count) {
        if (slot.item !== -1) { slot.root.hidden = true; slot.item = -1; }
        continue;
      }
      const item = options.itemAt(index);
      slot.root.style.transform = `translateY(${index * rowHeight}px)`;
      if (slot.item !== item || slot.version !== version) {
        slot.item = item;
        slot.version = version;
        slot.root.hidden = false;
        options.paint(slot, item);
      }
    }
    options.onLayout();
  }

  function schedule() {
    if (!frame) frame = requestAnimationFrame(render);
  }

  scroller.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('resize', schedule);

  return {
    layer,
    render,
    schedule,
    /** Repaint every slot on the next frame: what items show changed. */
    invalidate() { version++; schedule(); },
    /** Scrolls just enough to show the position, a third from the top when it was out of view. */
    scrollToIndex(index) {
      if (index < 0) return;
      // rows revealed since the last frame are not in the spacer yet: the browser would clamp the scroll to it
      spacer.style.height = `${options.count() * rowHeight}px`;
      const top = index * rowHeight;
      if (top < scroller.scrollTop || top + rowHeight > scroller.scrollTop + scroller.clientHeight) {
        scroller.scrollTop = Math.max(0, top - scroller.clientHeight / 3);
      }
      schedule();
    },
    /** Scrolls so that the fraction f (0..1) of all items is in the middle. */
    scrollToFraction(f) {
      scroller.scrollTop = f * options.count() * rowHeight - scroller.clientHeight / 2;
      schedule();
    },
    /** How many rows fit the viewport. */
    pageSize() { return Math.floor(scroller.clientHeight / rowHeight); },
  };
}
