/**
 * Where the trace broke, as the server's break analysis (core/breaks) reports it: the banner that says
 * why in words and links the other piece, and the marks on the spans where the context was lost or a new
 * trace began. The verdicts, reasons and links are the server's; this only words and draws them.
 */
import { el } from './format.js';

export const LOST = 'lost_downstream', RESTARTED = 'restarted_here';

/** The marks a span carries, by the kind of its break. */
const MARK = {
  [LOST]: { row: 'lost', badge: 'context lost here', note: 'the trace context was lost on this call' },
  [RESTARTED]: { row: 'restarted', badge: 'new trace began here', note: 'a new trace began here although a context was sent' },
};

/**
 * Indexes the breaks by the span each is about (its own span in this trace), for the waterfall and the
 * details panel.
 * @param {object[]} breaks the `breaks` of GET /api/traces/{id}/breaks
 * @returns {Map<string, object>} span id -> break
 */
export function bySpan(breaks) {
  return new Map(breaks.map((b) => [b.span_id, b]));
}

/** The row class of a span's break, or ''. */
export function rowClass(b) {
  return b && MARK[b.kind] ? MARK[b.kind].row : '';
}

/** The waterfall badge of a span's break, or ''. */
export function badge(b) {
  return b && MARK[b.kind] ? MARK[b.kind].badge : '';
}

/** The details panel's note for a span's break: what happened, how sure, and why. */
export function note(b) {
  const mark = MARK[b.kind];
  return `${mark ? mark.note : b.kind} (${b.confidence}): ${b.reason}`;
}

/**
 * Fills the banner with one entry per break; hides it when there is none.
 * @param {HTMLElement} banner
 * @param {object[]} breaks
 */
export function showBreaks(banner, breaks) {
  banner.replaceChildren();
  banner.hidden = breaks.length === 0;
  if (!breaks.length) return;
  banner.append(el('strong', '', breaks.length === 1 ? 'This trace is one piece of a broken request. '
    : `This trace is one piece of ${breaks.length} broken calls. `));
  const list = el('ul');
  for (const b of breaks) list.append(entry(b));
  banner.append(list);
}

function entry(b) {
  const item = el('li');
  item.dataset.kind = b.kind;
  item.dataset.spanId = b.span_id;
  const here = b.kind === LOST ? b.client : b.server;
  const where = b.kind === LOST
    ? `The context was lost on ${here && here.service ? `${here.service}'s` : 'a'} call (span ${b.span_id}). `
    : `A new trace began at ${here && here.service ? here.service : 'this server'} (span ${b.span_id}). `;
  item.append(el('span', '', where));
  const reason = el('span', 'reason', b.reason.endsWith('.') ? b.reason : `${b.reason}.`);
  reason.dataset.field = 'reason';
  item.append(reason, ' ', other(b));
  return item;
}

/** The other piece: one link when it is known, every candidate when ambiguous, words when none fits. */
function other(b) {
  const box = el('span', 'other');
  box.dataset.field = 'other';
  const direction = b.kind === LOST ? 'The request continued in trace' : 'The request came from trace';
  if ((b.link === 'definite' || b.link === 'probable') && b.other_trace_id) {
    box.append(`${direction} `, traceLink(b.other_trace_id), ` (${b.link}).`);
  } else if (b.link === 'ambiguous') {
    box.append(`${direction} one of these (ambiguous, ${b.candidates.length} fit; none is chosen): `);
    b.candidates.forEach((c, i) => {
      if (i) box.append(', ');
      box.append(traceLink(c.trace_id));
    });
    box.append('.');
  } else {
    box.append(b.kind === LOST ? 'Its continuation is not in the store (the callee is not traced, its spans have not arrived, or were evicted).'
      : 'The call that sent it is not in the store.');
  }
  return box;
}

function traceLink(traceId) {
  const a = el('a', 'mono', traceId);
  a.href = `/?trace=${traceId}`;
  return a;
}
