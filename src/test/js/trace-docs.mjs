// Flat trace documents shaped as GET /api/traces/{id}/view answers them, for the viewer's tests.

/**
 * A document of rows given in preorder as [depth, parent row, start, duration, flags].
 * @param {number[][]} rows
 */
export function viewDoc(rows) {
  const ids = rows.map((_, i) => (i + 1).toString(16).padStart(16, '0')).join('');
  return {
    trace_id: '4bf92f3577b34da6a3ce929d0e0e4736',
    span_count: rows.length,
    duration: Math.max(1, ...rows.map(([, , start, dur]) => start + dur)),
    services: ['frontend', 'backend'],
    names: ['get /api/data', 'select'],
    kinds: ['SERVER', 'CLIENT'],
    critical_path: { row: [], start: [], end: [] },
    rows: {
      span_ids: ids,
      depth: rows.map((r) => r[0]),
      parent: rows.map((r) => r[1]),
      start: rows.map((r) => r[2]),
      duration: rows.map((r) => r[3]),
      flags: rows.map((r) => r[4] ?? 0),
      service: rows.map((_, i) => i % 2),
      name: rows.map((_, i) => i % 2),
      kind: rows.map((_, i) => i % 2),
    },
  };
}

/**
 * root (0)
 * ├── a (1)
 * │   ├── a1 (2)
 * │   └── a2 (3)
 * └── b (4)
 */
export const FIVE_ROWS = [[1, -1, 0, 100], [2, 0, 0, 50], [3, 1, 0, 20], [3, 1, 20, 20], [2, 0, 50, 50]];
