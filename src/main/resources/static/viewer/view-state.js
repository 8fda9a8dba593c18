/**
 * The view's state beside the trace model: which rows are collapsed, which are marked by find, which is
 * selected. Every change goes through here and is announced to the subscribers (the waterfall, the
 * minimap), so no caller has to remember to redraw anything.
 *
 * Announcements: {type: 'rows'} when the visible rows or where they are drawn changed (collapse, expand,
 * reveal, find's marks, recorded or placed times); {type: 'marks'} when only what rows say changed (the
 * breaks arrived); {type: 'selection', row, open} when a row was selected; {type: 'show', row} when a
 * row should be scrolled into view without being selected.
 */
import { collapseBelow, hasChildren, reveal, updateVisible, visibleIndex } from './model.js';

/**
 * @param {object} model the trace model (model.js)
 * @returns {object} the view state
 */
export function createViewState(model) {
  const listeners = new Set();
  let selected = -1;

  function announce(change) {
    for (const listener of listeners) listener(change);
  }

  function rowsChanged() {
    updateVisible(model);
    if (selected >= 0 && visibleIndex(model, selected) < 0) selected = -1;
    announce({ type: 'rows' });
  }

  return {
    model,
    /** The selected row, or -1. */
    get selected() { return selected; },
    /**
     * @param {function(object)} listener called with each announcement
     * @returns {function()} unsubscribes
     */
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Collapses or expands a row that has children. */
    toggle(row) {
      if (!hasChildren(model, row)) return;
      model.collapsed[row] ^= 1;
      rowsChanged();
    },
    /** Collapses every row at `depth` or deeper; null expands all. */
    collapseBelow(depth) {
      collapseBelow(model, depth);
      rowsChanged();
    },
    /** Marks these rows (find's hits), revealing each; an empty list clears the marks. */
    mark(rows) {
      model.hit.fill(0);
      for (const row of rows) {
        model.hit[row] = 1;
        reveal(model, row);
      }
      rowsChanged();
    },
    /** Draws rows at their recorded times (true) or where the skew rule placed them (false). */
    showRecordedTimes(recorded) {
      model.recorded = Boolean(recorded);
      announce({ type: 'rows' });
    },
    /** The trace's breaks by span id (breaks.js), once they arrive. */
    setBreaks(bySpanId) {
      model.breaks = bySpanId;
      announce({ type: 'marks' });
    },
    /**
     * The chosen finding's marks by row (findings.js), or null to clear them; its rows are revealed, and
     * the row it is about is scrolled into view.
     */
    markFinding(marks, rows, about) {
      model.findingMarks = marks;
      for (const row of rows) reveal(model, row);
      rowsChanged();
      if (about !== undefined) announce({ type: 'show', row: about });
    },
    /** Selects a row, revealing it first if a collapsed subtree hides it; `open` asks for its details. */
    select(row, open) {
      if (visibleIndex(model, row) < 0) {
        reveal(model, row);
        rowsChanged();
      }
      selected = row;
      announce({ type: 'selection', row, open: Boolean(open) });
    },
  };
}
