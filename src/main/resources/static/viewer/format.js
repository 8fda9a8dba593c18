/** Small formatting helpers shared by the modules. */

/** Microseconds as a person reads them: 850 µs, 12.3 ms, 1.25 s. */
export function duration(micros) {
  if (micros < 1000) return `${Math.round(micros)} µs`;
  if (micros < 1e6) return `${(micros / 1000).toFixed(micros < 1e4 ? 2 : 1)} ms`;
  return `${(micros / 1e6).toFixed(2)} s`;
}

/**
 * A span's duration: Zipkin leaves it out when unknown (the view writes 0), which is no measurement of
 * zero time, so it reads "unknown".
 */
export function spanDuration(micros) {
  return micros ? duration(micros) : 'unknown';
}

/** Epoch microseconds as local date and time with milliseconds. */
export function time(epochMicros) {
  if (!epochMicros) return 'unknown';
  const d = new Date(epochMicros / 1000);
  return `${d.toLocaleDateString()} ${d.toLocaleTimeString()}.${String(d.getMilliseconds()).padStart(3, '0')}`;
}

/** An element with a class and text; the text is never parsed as HTML. */
export function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

/** "1 orphan", "2 orphans". */
export function plural(n, word) {
  return `${n.toLocaleString()} ${word}${n === 1 ? '' : 's'}`;
}

/** The CSS class that colours a service (see --svc-N in viewer.css). */
export function serviceClass(index) {
  return `svc-${index % 12}`;
}
