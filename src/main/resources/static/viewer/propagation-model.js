/**
 * The propagation map page's pure logic: which window, how an edge and a node are drawn and labelled,
 * where a line meets a box. The server lays the map out and gives each edge its verdict; nothing here
 * re-derives either.
 */

/** The windows the page offers, as `since` values of GET /api/propagation. */
export const WINDOWS = [
  { since: '15m', label: '15 min' },
  { since: '1h', label: '1 h' },
  { since: '1d', label: '1 d' },
];

export const DEFAULT_WINDOW = '1h';

/** Half the size of a service's box, in the drawing's units. */
export const BOX = { halfWidth: 85, halfHeight: 17 };

/** The longest service name drawn in a box; the whole name is in its tooltip. */
export const MAX_LABEL = 22;

/** The window a page address asks for (`?since=15m`), the default for anything else. */
export function windowFrom(search) {
  const since = new URLSearchParams(search).get('since');
  return WINDOWS.some((w) => w.since === since) ? since : DEFAULT_WINDOW;
}

/** The CSS classes of an edge, by the server's verdict: broken, possibly-broken, continued, untraced. */
export function edgeClass(edge) {
  return `edge edge-${String(edge.verdict).replace(/_/g, '-')}`;
}

/** A share as a whole percentage; a share above 0 never reads as 0%. */
export function percent(share) {
  if (share > 0 && share < 0.005) return '<1%';
  if (share < 1 && share > 0.995) return '>99%';
  return `${Math.round(share * 100)}%`;
}

/** The label drawn on an edge: its broken share when it breaks, nothing on an edge that does not. */
export function edgeLabel(edge) {
  if (edge.verdict === 'broken') return `${percent(edge.broken_share)} broken`;
  if (edge.verdict === 'possibly_broken') return `${edge.broken} possibly broken`;
  return '';
}

/** The broken calls by reason, each counted apart: "dropped 10 · refused: trace-id 12". */
export function reasonsText(edge) {
  return edge.reasons.map((r) => `${r.reason} ${r.count}`).join(' · ');
}

/** A reason key as short as a label needs: "refused: trace-id: …" is "refused", "not W3C: b3" stays. */
export function shortReason(reason) {
  const colon = reason.indexOf(':');
  if (colon < 0 || reason.length - colon - 2 <= 4) return reason;
  return reason.slice(0, colon);
}

/** The reasons on an edge's label: the first three, short, each with its count; the tooltip has them all. */
export function labelReasons(edge) {
  const shown = edge.reasons.slice(0, 3).map((r) => `${shortReason(r.reason)} ${r.count}`);
  if (edge.reasons.length > 3) shown.push(`+${edge.reasons.length - 3} more`);
  return shown.join(' · ');
}

/** What an edge's tooltip says: caller → callee and every count. */
export function edgeTitle(edge) {
  const parts = [`${edge.from} → ${edge.to === null ? 'unknown callee' : edge.to}`, `${edge.calls} calls`];
  if (edge.continued) parts.push(`${edge.continued} continued`);
  if (edge.broken) parts.push(`${edge.broken} broken (${percent(edge.broken_share)})${edge.reasons.length ? ': ' + reasonsText(edge) : ''}`);
  if (edge.untraced) parts.push(`${edge.untraced} to an untraced callee`);
  if (edge.unknown_callee) parts.push(`${edge.unknown_callee} to an unknown callee`);
  return parts.join('\n');
}

/** A name cut to `max` characters with an ellipsis. */
export function shortName(name, max = MAX_LABEL) {
  return name.length <= max ? name : `${name.slice(0, max - 1)}…`;
}

/**
 * The boxes to draw: every service, and one "unknown callee" per caller with such calls, at the end of
 * its edge (the server laid it out as a node of its own).
 */
export function nodes(doc) {
  const drawn = doc.services.map((s) => ({ key: s.name, name: s.name, kind: s.traced ? 'traced' : 'untraced', x: s.x, y: s.y }));
  for (const edge of doc.edges) {
    if (edge.to === null) {
      const end = edge.points[edge.points.length - 1];
      drawn.push({ key: `?${edge.from}`, name: 'unknown callee', kind: 'unknown', x: end[0], y: end[1], of: edge.from });
    }
  }
  return drawn;
}

/** Where the segment from a box's centre towards `toward` leaves the box. */
export function clip(center, toward, box = BOX) {
  const dx = toward[0] - center[0];
  const dy = toward[1] - center[1];
  if (dx === 0 && dy === 0) return center;
  const scale = Math.min(dx === 0 ? Infinity : box.halfWidth / Math.abs(dx), dy === 0 ? Infinity : box.halfHeight / Math.abs(dy));
  if (scale >= 1) return center;
  return [center[0] + dx * scale, center[1] + dy * scale];
}

const r1 = (v) => Math.round(v * 10) / 10;

/**
 * An SVG path through an edge's points, from the caller's box border to the callee's; a call to itself
 * is a loop above its box.
 */
export function pathOf(points, box = BOX) {
  const first = points[0];
  const last = points[points.length - 1];
  if (points.length === 2 && first[0] === last[0] && first[1] === last[1]) {
    const [x, y] = first;
    const top = y - box.halfHeight;
    return `M ${r1(x + 20)} ${r1(top)} C ${r1(x + 50)} ${r1(top - 40)}, ${r1(x - 50)} ${r1(top - 40)}, ${r1(x - 20)} ${r1(top)}`;
  }
  const start = clip(first, points[1], box);
  const end = clip(last, points[points.length - 2], box);
  const line = [start, ...points.slice(1, -1), end];
  return line.map((p, i) => `${i === 0 ? 'M' : 'L'} ${r1(p[0])} ${r1(p[1])}`).join(' ');
}

/** Where an edge's label goes: the middle of its middle segment, a little above the line. */
export function labelPoint(points) {
  if (points.length === 2 && points[0][0] === points[1][0] && points[0][1] === points[1][1]) {
    return [points[0][0], points[0][1] - BOX.halfHeight - 34];
  }
  const i = Math.floor((points.length - 1) / 2);
  const a = points[i];
  const b = points[i + 1];
  return [r1((a[0] + b[0]) / 2), r1((a[1] + b[1]) / 2 - 6)];
}

/** The viewer's address of a broken call: its trace, with the call's span selected. */
export function traceLink(call) {
  return `/?trace=${encodeURIComponent(call.trace_id)}&span=${encodeURIComponent(call.span_id)}`;
}

/** The query of GET /api/propagation/broken for an edge and window. */
export function brokenQuery(edge, since) {
  return new URLSearchParams({ from: edge.from, to: edge.to, since, limit: '100' }).toString();
}
