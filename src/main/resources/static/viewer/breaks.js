/**
 * Where the trace broke, as the server's break analysis (core/breaks) reports it: the banner that says
 * why in words and links the other piece, and the marks on the spans where the context was lost or a new
 * trace began. The verdicts, reasons and links are the server's; this only words and draws them. However
 * many breaks a trace has, the banner stays a few dozen elements (see showBreaks).
 */
import { el } from './format.js';
import { spanId } from './model.js';

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

/**
 * A possible break (the callee is traced, yet nothing it wrote answers the call) is a question, not a
 * fault: it is drawn apart from the breaks the evidence shows.
 */
const POSSIBLE = { row: 'possible', badge: 'no answer from a traced callee?' };

/** The row class of a span's break, or ''. */
export function rowClass(b) {
  if (b && b.confidence === 'possible') return POSSIBLE.row;
  return b && MARK[b.kind] ? MARK[b.kind].row : '';
}

/** The waterfall badge of a span's break, or ''. */
export function badge(b) {
  if (b && b.confidence === 'possible') return POSSIBLE.badge;
  return b && MARK[b.kind] ? MARK[b.kind].badge : '';
}

/** The details panel's note for a span's break: what happened, how sure, and why. */
export function note(b) {
  const mark = MARK[b.kind];
  return `${mark ? mark.note : b.kind} (${b.confidence}): ${b.reason}`;
}

/** Up to this many breaks, each is told in full; more are summarised. */
const TOLD_IN_FULL = 3;
/** Groups shown in the summary; the rest are counted. */
const GROUPS_SHOWN = 5;
/** The "show all" list: a fixed-height window over the breaks, its rows reused as it scrolls. */
const LIST_ROW_HEIGHT = 22;
const LIST_HEIGHT = 264;
const LIST_OVERSCAN = 4;

/**
 * Fills the banner; hides it when there is no break. A few breaks are told one by one. More are
 * summarised, so the banner costs the page the same few dozen elements however many there are: counts
 * by kind and confidence, the breaks grouped by what they are (kind, caller, callee, the reason's
 * first clause) with the largest groups first and one example each, and "show all" as a virtualised
 * list, built when asked for.
 * @param {HTMLElement} banner
 * @param {object[]} breaks
 * @param {object} [model] the trace model, to name a lost call's span and to go to it
 * @param {function(number)} [goToRow] called with a row when a listed break is clicked
 */
export function showBreaks(banner, breaks, model, goToRow) {
  banner.replaceChildren();
  banner.hidden = breaks.length === 0;
  if (!breaks.length) return;
  banner.append(el('strong', '', breaks.length === 1 ? 'This trace is one piece of a broken request. '
    : `This trace is one piece of ${breaks.length.toLocaleString()} broken calls. `));
  if (breaks.length <= TOLD_IN_FULL) {
    const list = el('ul');
    for (const b of breaks) list.append(entry(b));
    banner.append(list);
    return;
  }
  const rows = model ? rowsBySpanId(model) : new Map();
  banner.append(counts(breaks));
  const groups = group(breaks, model, rows);
  const list = el('ul', 'break-groups');
  for (const g of groups.slice(0, GROUPS_SHOWN)) list.append(groupEntry(g));
  banner.append(list);
  if (groups.length > GROUPS_SHOWN) {
    const rest = groups.slice(GROUPS_SHOWN).reduce((sum, g) => sum + g.breaks.length, 0);
    const hidden = groups.length - GROUPS_SHOWN;
    const more = el('p', 'muted', `and ${hidden} more group${hidden === 1 ? '' : 's'} (${rest.toLocaleString()} break${rest === 1 ? '' : 's'}).`);
    more.dataset.field = 'more-groups';
    banner.append(more);
  }
  const toggle = el('button', '', `Show all ${breaks.length.toLocaleString()} breaks`);
  toggle.type = 'button';
  toggle.dataset.field = 'show-all';
  banner.append(toggle);
  let all = null;
  toggle.addEventListener('click', () => {
    if (!all) {
      all = virtualList(breaks, model, rows, goToRow);
      banner.append(all.box);
      all.render();
      toggle.textContent = `Hide the list of ${breaks.length.toLocaleString()} breaks`;
      return;
    }
    all.box.hidden = !all.box.hidden;
    toggle.textContent = all.box.hidden ? `Show all ${breaks.length.toLocaleString()} breaks`
      : `Hide the list of ${breaks.length.toLocaleString()} breaks`;
    if (!all.box.hidden) all.render();
  });
}

/** span id -> row, made once per trace and only when there are many breaks to name. */
function rowsBySpanId(model) {
  const rows = new Map();
  for (let row = 0; row < model.n; row++) rows.set(spanId(model, row), row);
  return rows;
}

/** "44,990 contexts lost (44,990 probable) · 10 new traces began (10 definite)." */
function counts(breaks) {
  const byKind = new Map();
  for (const b of breaks) {
    let kind = byKind.get(b.kind);
    if (!kind) byKind.set(b.kind, kind = { count: 0, confidence: new Map() });
    kind.count++;
    kind.confidence.set(b.confidence, (kind.confidence.get(b.confidence) || 0) + 1);
  }
  const words = [];
  for (const [kind, c] of byKind) {
    const what = kind === LOST ? (c.count === 1 ? 'context lost' : 'contexts lost')
      : kind === RESTARTED ? (c.count === 1 ? 'new trace began' : 'new traces began') : kind;
    const sure = [...c.confidence].map(([level, n]) => `${n.toLocaleString()} ${level}`).join(', ');
    words.push(`${c.count.toLocaleString()} ${what} (${sure})`);
  }
  const p = el('p', 'break-counts', `${words.join(' · ')}.`);
  p.dataset.field = 'counts';
  return p;
}

/** Who called: the service of the span where the context was lost, or that sent the context. */
function caller(b) {
  return (b.client && b.client.service) || '(unknown service)';
}

/**
 * What was called: the analysis's callee when it names one, else the server that began a new trace, else
 * the lost call's own name as the trace holds it.
 */
function callee(b, model, rows) {
  if (b.callee) return typeof b.callee === 'string' ? b.callee : (b.callee.service || b.callee.name || '?');
  if (b.kind !== LOST && b.server && b.server.service) return b.server.service;
  const row = rows.get(b.span_id);
  if (model && row !== undefined) return `"${model.names[model.name[row]] || '(no name)'}"`;
  return '(unknown callee)';
}

/** The reason's first clause: what the reasons of one group have in common. */
function reasonHead(reason) {
  const cut = reason.indexOf(':');
  return cut > 0 ? reason.slice(0, cut) : reason;
}

/** Breaks grouped by kind, confidence, caller, callee and the reason's first clause; largest first. */
function group(breaks, model, rows) {
  const groups = new Map();
  for (const b of breaks) {
    const from = caller(b), to = callee(b, model, rows);
    const key = `${b.kind}\u0000${b.confidence}\u0000${from}\u0000${to}\u0000${reasonHead(b.reason)}`;
    let g = groups.get(key);
    if (!g) groups.set(key, g = { kind: b.kind, confidence: b.confidence, from, to, breaks: [] });
    g.breaks.push(b);
  }
  return [...groups.values()].sort((a, b) => b.breaks.length - a.breaks.length);
}

function groupEntry(g) {
  const item = el('li');
  item.dataset.kind = g.kind;
  item.dataset.count = g.breaks.length;
  const what = g.kind === LOST ? `context lost on ${g.from}'s calls to ${g.to}`
    : g.kind === RESTARTED ? `new trace began at ${g.to}` : g.kind;
  item.append(el('strong', '', `${g.breaks.length.toLocaleString()} × ${what} (${g.confidence}). `));
  const first = g.breaks[0];
  const reason = el('span', 'reason', first.reason.endsWith('.') ? first.reason : `${first.reason}.`);
  reason.dataset.field = 'reason';
  item.append(g.breaks.length > 1 ? 'For example: ' : '', reason, ' ', other(first));
  return item;
}

/** One line per break, only the lines in view existing as elements. */
function virtualList(breaks, model, rows, goToRow) {
  const box = el('div', 'break-list');
  box.dataset.field = 'all-breaks';
  box.style.height = `${Math.min(LIST_HEIGHT, breaks.length * LIST_ROW_HEIGHT)}px`;
  box.tabIndex = 0;
  const spacer = el('div', 'break-list-spacer');
  spacer.style.height = `${breaks.length * LIST_ROW_HEIGHT}px`;
  box.append(spacer);
  const pool = [];
  let frame = 0;
  function render() {
    frame = 0;
    const wanted = Math.ceil(LIST_HEIGHT / LIST_ROW_HEIGHT) + 2 * LIST_OVERSCAN;
    while (pool.length < wanted) {
      const line = el('div', 'break-line');
      line.style.height = `${LIST_ROW_HEIGHT}px`;
      pool.push(line);
      box.append(line);
    }
    const first = Math.max(0, Math.floor(box.scrollTop / LIST_ROW_HEIGHT) - LIST_OVERSCAN);
    pool.forEach((line, i) => {
      const index = first + i;
      line.hidden = index >= breaks.length;
      if (line.hidden || Number(line.dataset.index) === index) return;
      const b = breaks[index];
      line.dataset.index = index;
      line.dataset.spanId = b.span_id;
      line.style.transform = `translateY(${index * LIST_ROW_HEIGHT}px)`;
      const what = b.kind === LOST ? `context lost: ${caller(b)} → ${callee(b, model, rows)}`
        : b.kind === RESTARTED ? `new trace began at ${callee(b, model, rows)}` : b.kind;
      line.textContent = `${(index + 1).toLocaleString()}. ${what} · span ${b.span_id} · ${b.confidence} · ${b.reason}`;
      line.title = b.reason;
    });
  }
  box.addEventListener('scroll', () => { if (!frame) frame = requestAnimationFrame(render); }, { passive: true });
  box.addEventListener('click', (event) => {
    const line = event.target.closest('.break-line');
    const row = line ? rows.get(line.dataset.spanId) : undefined;
    if (row !== undefined && goToRow) goToRow(row);
  });
  return { box, render };
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
