/**
 * The trace API, as the viewer reads it. Every call resolves to the parsed body or rejects with an
 * ApiError whose message is fit to show a person: the server's problem detail, or why it was not reached.
 */

/** A failed call: `status` is the HTTP status, 0 when the server could not be reached. */
export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.status = status;
    this.problem = problem;
  }
}

/**
 * GETs or POSTs JSON.
 * @param {string} path the path and query
 * @param {object} [body] a JSON body, sent with POST
 * @param {boolean} [raw] the body is sent as it is (a file's bytes or text), not as JSON of it
 * @returns {Promise<any>} the parsed body
 */
async function call(path, body, raw) {
  let response;
  try {
    response = await fetch(path, body === undefined
      ? { headers: { accept: 'application/json' } }
      : { method: 'POST', headers: { accept: 'application/json', 'content-type': 'application/json' },
          body: raw ? body : JSON.stringify(body) });
  } catch (e) {
    throw new ApiError(`The server cannot be reached (${e.message}).`, 0);
  }
  if (!response.ok) {
    let problem = null;
    try { problem = await response.json(); } catch { /* not JSON: the status says enough */ }
    const detail = problem && problem.detail ? problem.detail : response.statusText;
    throw new ApiError(`${response.status} ${detail}`, response.status, problem);
  }
  try {
    return await response.json();
  } catch (e) {
    throw new ApiError(`The server's answer could not be read (${e.message}).`, response.status);
  }
}

const enc = encodeURIComponent;

/**
 * The trace list's search (search.js): the page's own query, asked of GET /api/traces as it is.
 * @param {URLSearchParams} query
 * @param {number} limit
 */
export function search(query, limit) {
  const q = new URLSearchParams(query);
  q.set('limit', String(limit));
  return call(`/api/traces?${q}`);
}

/** The flat document of a trace (TraceView on the server). */
export function view(traceId) {
  return call(`/api/traces/${enc(traceId)}/view`);
}

/** The trace's breaks (StoreBreaks on the server): where its context was lost, or a new trace began. */
export function breaks(traceId) {
  return call(`/api/traces/${enc(traceId)}/breaks`);
}

/** One span's details, tags included. */
export function span(traceId, spanId) {
  return call(`/api/traces/${enc(traceId)}/spans/${enc(spanId)}`);
}

/** Rows of the view that match a query: {rows, total}. */
export function find(traceId, query) {
  return call(`/api/traces/${enc(traceId)}/find?q=${enc(query)}`);
}

/**
 * Parses a traceparent under a policy. Resolves either way: {ok: true, value} or {ok: false, problem}
 * for a refused header (400); rejects only when the call itself fails.
 */
export async function parse(traceparent, policy) {
  try {
    return { ok: true, value: await call('/api/traceparent/parse', { traceparent, policy }) };
  } catch (e) {
    if (e.status === 400 && e.problem) return { ok: false, problem: e.problem };
    throw e;
  }
}

/** What the server's findings point at in a trace: N+1 calls, error causes, the critical path's hot spot. */
export function findings(traceId) {
  return call(`/api/traces/${enc(traceId)}/findings`);
}

/** Opens a trace file (a File, Blob or text): the server reads, stores and summarises its traces. */
export function openFile(content) {
  return call('/api/files', content, true);
}

/** The largest file the server opens: {max_bytes, formats}. */
export function fileLimits() {
  return call('/api/files');
}

/** The propagation map over the window since `since` (15m, 1h, 1d): services, edges, laid out. */
export function propagation(since) {
  return call(`/api/propagation?since=${enc(since)}`);
}

/** One edge's broken calls, newest first; `query` from propagation-model.js's brokenQuery. */
export function propagationBroken(query) {
  return call(`/api/propagation/broken?${query}`);
}
