/**
 * Links to a span: `/?trace=<id>&span=<id>` opens the trace with that span selected, its ancestors
 * expanded and scrolled to. The page keeps its URL on the selected span (history.replaceState), so the
 * address bar is always a link that can be shared; the details panel offers it with a copy button.
 */
import { el } from './format.js';
import { spanId } from './model.js';

const SPAN_ID = /^[0-9a-f]{16}$/;

/** The path and query of a link to a span of a trace. */
export function spanLink(traceId, span) {
  return `/?${new URLSearchParams({ trace: traceId, span })}`;
}

/**
 * The row of a span id, the first when it came more than once, or -1.
 * @param {object} model the trace model
 * @param {string} id 16 hex, either case
 */
export function rowOfSpan(model, id) {
  const wanted = String(id).toLowerCase();
  if (!SPAN_ID.test(wanted)) return -1;
  // the ids are one string of 16-character ids: a hit off the 16-character grid spans two ids
  for (let at = model.spanIds.indexOf(wanted); at >= 0; at = model.spanIds.indexOf(wanted, at + 1)) {
    if (at % 16 === 0) return at / 16;
  }
  return -1;
}

/**
 * Why a span asked for by a link is not shown, or null when it is: a sentence for the page.
 * @param {string} traceId
 * @param {string} asked the span parameter as given
 */
export function missingSpanWords(traceId, asked) {
  if (!SPAN_ID.test(String(asked).toLowerCase())) {
    return `The link asks for span "${asked}", which is not a span id (16 hex characters); the trace is shown without it.`;
  }
  return `Span ${asked.toLowerCase()} is not in trace ${traceId}: the link may be older than the trace's last spans, `
    + 'or the span was never received. The trace is shown without it.';
}

/**
 * Opens the span a link asks for and, from then on, keeps the URL and the link box on the selected span.
 * @param {object} state the view state
 * @param {HTMLElement} box where the link to the selected span and its copy button go
 * @param {string|null} asked the span parameter of the URL, or null
 * @param {{showMessage: function(string)}} page
 */
export function followSpanLinks(state, box, asked, page) {
  const { model } = state;
  state.subscribe((change) => {
    if (change.type !== 'selection') return;
    const id = spanId(model, change.row);
    const link = spanLink(model.traceId, id);
    history.replaceState(null, '', link);
    showLink(box, link, id);
  });
  if (asked === null) return;
  const row = rowOfSpan(model, asked);
  if (row < 0) page.showMessage(missingSpanWords(model.traceId, asked));
  else state.select(row, true);
}

function showLink(box, link, id) {
  const anchor = el('a', 'mono', `${location.origin}${link}`);
  anchor.href = link;
  anchor.dataset.field = 'span-link';
  const copy = el('button', '', 'Copy link');
  copy.type = 'button';
  const status = el('span', 'muted');
  status.setAttribute('aria-live', 'polite');
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(anchor.href);
      status.textContent = 'copied';
    } catch (e) {
      // a page served over plain HTTP from another host has no clipboard: the link is there to select
      getSelection().selectAllChildren(anchor);
      status.textContent = 'select and copy the link (the clipboard is not available here)';
    }
  });
  box.replaceChildren(el('span', 'muted', `Link to span ${id}: `), anchor, ' ', copy, ' ', status);
  box.hidden = false;
}
