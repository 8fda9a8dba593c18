/**
 * The span's details: ids, parent, service, kind, timing, tags, error, and the hop's trace-context
 * evidence the server tagged it with (TraceTags): what traceparent/tracestate it received, whether they
 * were valid and why not, and the traceparent it sent downstream.
 */
import * as api from './api.js';
import { duration, el, spanDuration, time } from './format.js';
import { CRITICAL, CYCLE, DUPLICATE, ORPHAN, spanId } from './model.js';
import { note } from './breaks.js';
import { skewText } from './skew.js';

/** Tag keys, as core/context/TraceTags names them. */
const TAG = {
  received: 'w3c.traceparent.received',
  valid: 'w3c.traceparent.valid',
  invalid: 'w3c.traceparent.invalid',
  statereceived: 'w3c.tracestate.received',
  verdict: 'w3c.tracestate.verdict',
  dropped: 'w3c.tracestate.dropped',
  sent: 'w3c.traceparent.sent',
};

let asked = 0;

/**
 * Loads and shows a row's span.
 * @param {HTMLElement} panel
 * @param {object} model
 * @param {number} row
 * @param {function(number)} goToRow called when the parent link is followed
 */
export async function showDetails(panel, model, row, goToRow) {
  const ticket = ++asked;
  const id = spanId(model, row);
  panel.replaceChildren(el('p', 'muted', `Loading span ${id}…`));
  let span;
  try {
    span = await api.span(model.traceId, id);
  } catch (e) {
    if (ticket === asked) panel.replaceChildren(el('p', 'error-text', `Span ${id} could not be loaded: ${e.message}`));
    return;
  }
  if (ticket !== asked) return; // a later click won
  panel.replaceChildren(render(span, model, row, goToRow));
}

function render(span, model, row, goToRow) {
  const box = el('div');
  box.dataset.spanId = span.span_id;
  box.append(el('h2', '', span.name || '(no name)'));
  const facts = el('dl', 'facts');
  const add = factAdder(facts);
  add('span id', span.span_id, 'mono').dataset.field = 'span-id';
  const parentRow = model.parent[row];
  const parent = add('parent', span.parent_span_id ?? 'none (a root)', 'mono');
  if (parentRow >= 0) {
    const link = el('a', '', ' (go to)');
    link.href = '#';
    link.addEventListener('click', (event) => { event.preventDefault(); goToRow(parentRow); });
    parent.append(link);
  }
  add('trace id', span.trace_id, 'mono');
  add('service', span.service ?? '(none)');
  add('kind', span.kind ?? '(none)');
  if (span.callee) {
    add(span.kind === 'consumer' ? 'receives from' : 'calls', `${span.callee.name} (named by ${span.callee.basis})`)
      .dataset.field = 'callee';
  }
  endpoints(add, span.local_endpoint, span.remote_endpoint, span.kind);
  add('start', `${time(span.start)} (+${duration(model.start[row])})`);
  add('duration', spanDuration(span.duration)).dataset.field = 'duration';
  const shift = model.shift[row];
  if (shift) {
    const skew = model.skews.get(row);
    add('clock skew', skew && !skew.server_half ? `drawn ${skewText(model, skew)}`
      : `drawn shifted by ${duration(Math.abs(shift))}${shift < 0 ? ' earlier' : ''}, with its parent: same host, same clock`)
      .dataset.field = 'skew';
  }
  add('error', span.error ? `yes: ${span.tags.error || 'error tag set'}` : 'no', span.error ? 'error-text' : '');
  const flags = model.flags[row];
  const notes = [];
  if (flags & ORPHAN) notes.push('orphan: its parent is not in the trace');
  if (flags & CYCLE) notes.push('member of a parent-link cycle');
  if (flags & DUPLICATE) notes.push(`its id came ${span.copies} times; the first is shown`);
  if (flags & CRITICAL) notes.push('on the critical path');
  if (notes.length) add('notes', notes.join('; '));
  const broken = model.breaks.get(span.span_id);
  if (broken) add('break', note(broken), broken.confidence === 'possible' ? '' : 'error-text').dataset.field = 'break';
  // a call whose callee writes no span (a database, a cache, a broker, a third party): a fact, not a fault
  if (span.untraced_call) {
    add('untraced call', `${span.untraced_call.callee} writes no spans here (named by ${span.untraced_call.basis}): `
      + 'nothing continues this trace on the other side, and that is expected').dataset.field = 'untraced';
  }
  box.append(facts);
  if (span.server) box.append(serverHalf(span, model, row));
  box.append(evidence(span.server ? { tags: { ...span.server.tags, ...span.tags } } : span));
  box.append(el('h3', '', 'Tags'));
  const tags = el('table', 'tags');
  for (const [key, value] of Object.entries(span.tags)) {
    const tr = el('tr');
    tr.append(el('th', 'mono', key), el('td', 'mono', value));
    tags.append(tr);
  }
  if (!Object.keys(span.tags).length) box.append(el('p', 'muted', 'none'));
  else box.append(tags);
  box.append(annotations(span.annotations, span.start, 'annotations'));
  return box;
}

/**
 * The span's endpoints as the instrumentation recorded them: where it ran and the other end, each
 * with its service, IPv4, IPv6 and port.
 */
function endpoints(add, local, remote, kind) {
  if (local) add('local endpoint', endpointText(local), 'mono').dataset.field = 'local-endpoint';
  // a server's remote endpoint is its caller; anything else's is whom it called or received from
  const other = kind === 'server' ? 'caller endpoint' : 'remote endpoint';
  if (remote) add(other, endpointText(remote), 'mono').dataset.field = 'remote-endpoint';
}

/** "memcache 10.0.0.7:11211", an IPv6 in brackets before its port: "[2001:db8::1]:3306". */
export function endpointText(endpoint) {
  const addresses = [];
  const port = endpoint.port ? `:${endpoint.port}` : '';
  if (endpoint.ipv4) addresses.push(`${endpoint.ipv4}${port}`);
  if (endpoint.ipv6) addresses.push(port ? `[${endpoint.ipv6}]${port}` : endpoint.ipv6);
  if (!addresses.length && port) addresses.push(`port ${endpoint.port}`);
  return [endpoint.service_name || '', ...addresses].filter(Boolean).join(' ') || '(empty)';
}
/**
 * An RPC's server half: B3 and Zipkin record one call as a client and a server span with one id; the row
 * is the client's, this is the callee's own record of the same call.
 */
function serverHalf(span, model, row) {
  const half = span.server;
  const box = el('section', 'half');
  box.dataset.field = 'server-half';
  box.append(el('h3', '', `Server half: ${half.service ?? '(no service)'}`));
  const facts = el('dl', 'facts');
  const add = factAdder(facts);
  add('name', half.name ?? '(no name)');
  endpoints(add, span.server_local_endpoint, span.server_remote_endpoint, 'server');
  add('start', time(half.start));
  add('duration', spanDuration(half.duration));
  if (span.duration != null && half.duration != null) add('network and queueing', duration(Math.max(0, span.duration - half.duration)));
  const skew = model.skews.get(row);
  if (skew && skew.server_half) add('clock skew', `drawn ${skewText(model, skew)}`).dataset.field = 'skew';
  add('error', half.error ? `yes: ${half.tags.error || 'error tag set'}` : 'no', half.error ? 'error-text' : '');
  box.append(facts);
  const tags = el('table', 'tags');
  for (const [key, value] of Object.entries(half.tags)) {
    const tr = el('tr');
    tr.append(el('th', 'mono', key), el('td', 'mono', value));
    tags.append(tr);
  }
  if (Object.keys(half.tags).length) box.append(tags);
  box.append(annotations(span.server_annotations, half.start, 'server-annotations'));
  return box;
}

/**
 * Timestamped events the instrumentation recorded within the span, as Zipkin keeps them: the time
 * after the span's start (the date and time on hover), and the value.
 */
function annotations(list, spanStart, field) {
  const box = el('div', 'annotations');
  box.dataset.field = field;
  if (!list || !list.length) return box;
  box.append(el('h3', '', 'Annotations'));
  const table = el('table', 'tags');
  for (const a of list) {
    const tr = el('tr');
    const at = el('th', 'mono', annotationOffset(a.timestamp, spanStart));
    at.title = time(a.timestamp);
    tr.append(at, el('td', 'mono', a.value));
    table.append(tr);
  }
  box.append(table);
  return box;
}

/** "+1.20 ms" after the span's start, "−30 µs" before it; its date and time when the start is unknown. */
export function annotationOffset(timestamp, spanStart) {
  if (!spanStart || !timestamp) return time(timestamp);
  const offset = timestamp - spanStart;
  return `${offset < 0 ? '−' : '+'}${duration(Math.abs(offset))}`;
}

/** The trace-context section: for a server span what it received, for a client span what it sent. */
function evidence(span) {
  const box = el('section', 'evidence');
  const tags = span.tags;
  box.append(el('h3', '', 'Trace context'));
  if (TAG.valid in tags) {
    const line = el('p', 'received');
    line.dataset.field = 'received';
    if (TAG.received in tags) {
      line.append('Received traceparent ', el('code', '', tags[TAG.received]), ' ');
      line.append(tags[TAG.valid] === 'true' ? el('strong', 'ok', 'valid')
        : el('strong', 'error-text', `invalid: ${tags[TAG.invalid] || 'no reason recorded'}`));
    } else {
      line.append('No traceparent received: this hop started a new trace.');
    }
    box.append(line);
    const state = el('p');
    state.dataset.field = 'tracestate';
    const verdict = tags[TAG.verdict];
    if (verdict === 'absent' || !verdict) state.append('No tracestate received.');
    else {
      state.append('Received tracestate ', el('code', '', tags[TAG.statereceived] || ''), ' ');
      state.append(verdict === 'kept' ? el('strong', 'ok', 'kept') : el('strong', 'error-text', `dropped: ${tags[TAG.dropped] || ''}`));
    }
    box.append(state);
  }
  if (TAG.sent in tags) {
    const sent = el('p', 'sent');
    sent.dataset.field = 'sent';
    sent.append('Sent traceparent ', el('code', '', tags[TAG.sent]));
    box.append(sent);
  }
  if (box.childElementCount === 1) box.append(el('p', 'muted', 'No trace-context evidence on this span.'));
  return box;
}

/** A function that appends one term and its value to a list of facts, and returns the value's element. */
function factAdder(facts) {
  return (term, value, className) => {
    facts.append(el('dt', '', term));
    const dd = el('dd', className || '', value);
    facts.append(dd);
    return dd;
  };
}
