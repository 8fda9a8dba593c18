/**
 * The trace list's search, between the form and the URL. The URL's query is the API's own
 * (GET /api/traces, TraceSearch on the server): the list page asks the server with its own query, so
 * a search can be shared as a link and the server is the one place its rule lives.
 *
 *   service=backend  span_name=get /api  remote_service=mysql  tag=error  tag=http.status_code=500
 *   min_duration=250000  max_duration=900000  (µs)   since=15m | from=...Z&to=...Z (ISO-8601)
 *   errors=true  breaks=true  incomplete=true
 */

/** The parameters the search writes; anything else in the URL (trace, span) is not the list's. */
export const SEARCH_KEYS = ['service', 'span_name', 'remote_service', 'tag', 'min_duration', 'max_duration', 'since',
  'from', 'to', 'errors', 'breaks', 'incomplete'];

/** The time choices of the form: a value of `since`, or custom (from and to). */
export const SINCE_CHOICES = ['15m', '1h', '1d'];

/**
 * The tags typed in one field, separated by spaces: `error http.status_code=500 http.url="/a b"`; a value
 * with spaces is put in double quotes. Answers the tags as the API takes them (`key=value` or `key`).
 * @param {string} text
 * @returns {string[]}
 */
export function parseTags(text) {
  const tags = [];
  const pattern = /([^\s"=]+)(?:=(?:"([^"]*)"?|(\S*)))?/g;
  for (const m of String(text).matchAll(pattern)) {
    if (m[2] === undefined && m[3] === undefined && !m[0].includes('=')) tags.push(m[1]);
    else tags.push(`${m[1]}=${m[2] ?? m[3] ?? ''}`);
  }
  return tags;
}

/** The tags as the field shows them, values with spaces or quotes in double quotes. */
export function formatTags(tags) {
  return tags.map((tag) => {
    const at = tag.indexOf('=');
    if (at < 0) return tag;
    const value = tag.slice(at + 1);
    return /[\s"]/.test(value) || value === '' ? `${tag.slice(0, at)}="${value.replaceAll('"', '')}"` : tag;
  }).join(' ');
}

/**
 * The form's values as the URL's query.
 * @param {{service: string, spanName: string, remoteService: string, tags: string, minMs: string, maxMs: string,
 *   time: string, from: string, to: string, errors: boolean, breaks: boolean, incomplete: boolean}} form
 *   time: '' (any), one of SINCE_CHOICES, or 'custom'; from and to: datetime-local values (local time)
 * @returns {URLSearchParams}
 */
export function queryOf(form) {
  const q = new URLSearchParams();
  const text = (key, value) => { if (value && value.trim()) q.set(key, value.trim()); };
  text('service', form.service);
  text('span_name', form.spanName);
  text('remote_service', form.remoteService);
  for (const tag of parseTags(form.tags || '')) q.append('tag', tag);
  const micros = (key, ms) => { if (ms !== '' && ms != null) q.set(key, String(Math.round(Number(ms) * 1000))); };
  micros('min_duration', form.minMs);
  micros('max_duration', form.maxMs);
  if (SINCE_CHOICES.includes(form.time)) q.set('since', form.time);
  else if (form.time === 'custom') {
    if (form.from) q.set('from', new Date(form.from).toISOString());
    if (form.to) q.set('to', new Date(form.to).toISOString());
  }
  if (form.errors) q.set('errors', 'true');
  if (form.breaks) q.set('breaks', 'true');
  if (form.incomplete) q.set('incomplete', 'true');
  return q;
}

/**
 * The form's values for a URL's query: the inverse of queryOf.
 * @param {URLSearchParams} q
 */
export function formOf(q) {
  const ms = (key) => (q.has(key) && q.get(key) !== '' ? String(Number(q.get(key)) / 1000) : '');
  const since = q.get('since');
  const custom = q.has('from') || q.has('to');
  return {
    service: q.get('service') || '',
    spanName: q.get('span_name') || '',
    remoteService: q.get('remote_service') || '',
    tags: formatTags(q.getAll('tag')),
    minMs: ms('min_duration'),
    maxMs: ms('max_duration'),
    time: custom ? 'custom' : (since || ''),
    from: localInput(q.get('from')),
    to: localInput(q.get('to')),
    errors: q.get('errors') === 'true',
    breaks: q.get('breaks') === 'true',
    incomplete: q.get('incomplete') === 'true',
  };
}

/** An ISO instant as a datetime-local input's value, in local time; '' for none or a value no date reads. */
function localInput(iso) {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const two = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}T${two(d.getHours())}:${two(d.getMinutes())}`;
}

/** The search part of a URL's query (the list's), in the order SEARCH_KEYS has. */
export function searchOf(q) {
  const out = new URLSearchParams();
  for (const key of SEARCH_KEYS) for (const value of q.getAll(key)) out.append(key, value);
  return out;
}
