/**
 * The trace as the page holds it: the server's flat document (TraceView) turned into typed arrays,
 * plus what drawing needs — which rows are collapsed and which rows are visible. No tree rule lives
 * here: rows, depths, parents, flags and the critical path are the server's.
 */

/** Flag bits, as TraceView writes them. */
export const ORPHAN = 1, DUPLICATE = 2, CYCLE = 4, CYCLE_CUT = 8, CRITICAL = 16, ERROR = 32, SHARED = 64,
  SHIFTED = 128;

const ID_LENGTH = 16;

/**
 * @param {object} doc the JSON of GET /api/traces/{id}/view
 * @returns {object} the model
 */
export function fromView(doc) {
  const n = doc.span_count;
  const r = doc.rows;
  const model = {
    doc,
    n,
    traceId: doc.trace_id,
    duration: Math.max(doc.duration, 1),
    services: doc.services,
    names: doc.names,
    kinds: doc.kinds,
    spanIds: r.span_ids,
    depth: Int32Array.from(r.depth),
    parent: Int32Array.from(r.parent),
    flags: Uint8Array.from(r.flags),
    start: Float64Array.from(r.start),
    dur: Float64Array.from(r.duration),
    service: Int32Array.from(r.service),
    name: Int32Array.from(r.name),
    kind: Int32Array.from(r.kind),
    // an RPC's server service (-1: not an RPC), and the skew shift the server placed each row by
    server: r.server ? Int32Array.from(r.server) : new Int32Array(n).fill(-1),
    // whom the row's span called, by the server's callee rule (TraceView.callee), index in services; -1: none
    remote: r.remote ? Int32Array.from(r.remote) : new Int32Array(n).fill(-1),
    // the spans' annotations grouped by row: row r's are [annotationStart[r], annotationStart[r + 1])
    ...annotationColumns(doc.annotations, n),
    annotationValues: doc.annotation_values || [],
    shift: r.shift ? Float64Array.from(r.shift) : new Float64Array(n),
    // row -> the skew the server decided there (TraceView.Skews, one entry per move)
    skews: skewsByRow(doc.skews),
    // the switch: false draws rows where the skew rule placed them, true where their hosts recorded them
    recorded: false,
    // rows in a subtree are contiguous in preorder: row r's subtree is [r, r + size[r])
    size: new Int32Array(n),
    collapsed: new Uint8Array(n),
    hit: new Uint8Array(n),
    visible: null,
    visibleCount: 0,
    segments: criticalSegments(doc.critical_path),
    // span id -> its break (breaks.js), set once the trace's breaks arrive
    breaks: new Map(),
  };
  // the columns now live in the typed arrays: the parsed arrays (a JS value per number) can go
  doc.rows = null;
  doc.annotations = null;
  subtreeSizes(model);
  model.visible = new Int32Array(n);
  updateVisible(model);
  return model;
}

/** Where a row starts, in microseconds after the trace's start, as drawn: placed, or as recorded. */
export function drawnStart(model, row) {
  return model.recorded ? model.start[row] : model.start[row] + model.shift[row];
}

/** The 16-hex span id of a row. */
export function spanId(model, row) {
  return model.spanIds.substr(row * ID_LENGTH, ID_LENGTH);
}

/** Whether a row has children. */
export function hasChildren(model, row) {
  return model.size[row] > 1;
}

function subtreeSizes(model) {
  const { size, parent, n } = model;
  size.fill(1);
  // children come after their parent, so one backwards pass adds each subtree into its parent
  for (let row = n - 1; row > 0; row--) {
    const p = parent[row];
    if (p >= 0) size[p] += size[row];
  }
}

/** Recomputes the visible rows after a collapse or expand: O(rows shown). */
export function updateVisible(model) {
  const { visible, collapsed, size, n } = model;
  let count = 0;
  for (let row = 0; row < n;) {
    visible[count++] = row;
    row += collapsed[row] ? size[row] : 1;
  }
  model.visibleCount = count;
}

/** Position of a row among the visible ones, or -1 when it is inside a collapsed subtree. */
export function visibleIndex(model, row) {
  const { visible, visibleCount } = model;
  let lo = 0, hi = visibleCount - 1;
  while (lo <= hi) { // visible rows are ascending
    const mid = (lo + hi) >> 1;
    const v = visible[mid];
    if (v === row) return mid;
    if (v < row) lo = mid + 1; else hi = mid - 1;
  }
  return -1;
}

/** Expands every ancestor of a row so it is shown. */
export function reveal(model, row) {
  for (let p = model.parent[row]; p >= 0; p = model.parent[p]) model.collapsed[p] = 0;
}

/** Collapses every row at `depth` or deeper that has children; depth null expands all. */
export function collapseBelow(model, depth) {
  const { collapsed, size, n } = model;
  for (let row = 0; row < n; row++) {
    collapsed[row] = (depth !== null && model.depth[row] >= depth && size[row] > 1) ? 1 : 0;
  }
}

/**
 * A row's annotations as drawn: each {at, value, serverHalf}, at in microseconds after the trace's
 * start, placed where the skew rule drew its half unless the page shows recorded times.
 */
export function annotationsOf(model, row) {
  const list = [];
  for (let i = model.annotationStart[row]; i < model.annotationStart[row + 1]; i++) {
    list.push({ at: model.annotationAt[i] + (model.recorded ? 0 : model.annotationShift[i]),
      value: model.annotationValues[model.annotationValue[i]] ?? '', serverHalf: model.annotationServer[i] === 1 });
  }
  return list;
}

/** The server's annotation columns (in row order) as typed arrays with an offset per row. */
function annotationColumns(annotations, n) {
  const count = annotations ? annotations.row.length : 0;
  const start = new Int32Array(n + 1);
  for (let i = 0; i < count; i++) start[annotations.row[i] + 1]++;
  for (let r = 0; r < n; r++) start[r + 1] += start[r];
  return {
    annotationStart: start,
    annotationAt: count ? Float64Array.from(annotations.at) : new Float64Array(0),
    annotationShift: count ? Float64Array.from(annotations.shift) : new Float64Array(0),
    annotationValue: count ? Int32Array.from(annotations.value) : new Int32Array(0),
    annotationServer: count ? Uint8Array.from(annotations.server_half, Number) : new Uint8Array(0),
  };
}

/** The skew rule's moves by row, each as {shift, server_half, from_service, to_service}. */
function skewsByRow(skews) {
  const byRow = new Map();
  if (!skews) return byRow;
  for (let i = 0; i < skews.row.length; i++) {
    byRow.set(skews.row[i], { shift: skews.shift[i], server_half: skews.server_half[i],
      from_service: skews.from_service[i], to_service: skews.to_service[i] });
  }
  return byRow;
}

/** Critical-path segments by row: Map row -> [start, end, start, end, ...]. */
function criticalSegments(path) {
  const byRow = new Map();
  for (let i = 0; i < path.row.length; i++) {
    let list = byRow.get(path.row[i]);
    if (!list) byRow.set(path.row[i], list = []);
    list.push(path.start[i], path.end[i]);
  }
  return byRow;
}
