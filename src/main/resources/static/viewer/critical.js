/**
 * The critical path as a list: each segment (time owned by one span) in time order with its share of
 * the trace's duration. The server computed the path; this draws it.
 */
import { duration, el, serviceClass } from './format.js';

const MAX_LISTED = 500;

/**
 * @param {HTMLElement} panel
 * @param {object} model
 * @param {function(number)} goToRow
 */
export function showCriticalPath(panel, model, goToRow) {
  const path = model.doc.critical_path;
  const count = path.row.length;
  panel.replaceChildren(el('h2', '', 'Critical path'));
  if (!count) { panel.append(el('p', 'muted', 'No timed spans.')); return; }
  const summary = pathSummary(path, model.doc.duration);
  const line = el('p', 'muted', summary.text);
  line.dataset.field = 'path-summary';
  panel.append(line);
  if (summary.why) {
    const why = el('p', 'path-why', summary.why);
    why.dataset.field = 'path-why';
    panel.append(why);
  }
  const list = el('ol', 'path');
  for (let i = 0; i < Math.min(count, MAX_LISTED); i++) {
    const row = path.row[i];
    const length = path.end[i] - path.start[i];
    const item = el('li', serviceClass(model.service[row]));
    item.dataset.row = row;
    const share = model.doc.duration > 0 ? (100 * length) / model.doc.duration : 0;
    if (path.handed_off && path.handed_off[i]) {
      item.classList.add('handed-off');
      item.title = 'reached across an asynchronous hand-off, after its parent had ended';
    }
    item.append(el('span', 'share', `${share.toFixed(share < 10 ? 1 : 0)}%`),
      el('span', 'dot'),
      el('span', 'what', `${model.services[model.service[row]] || '?'} · ${model.names[model.name[row]] || '?'}`),
      el('span', 'muted', ` ${duration(length)} at +${duration(path.start[i])}`));
    item.addEventListener('click', () => goToRow(row));
    list.append(item);
  }
  panel.append(list);
  if (count > MAX_LISTED) panel.append(el('p', 'muted', `and ${(count - MAX_LISTED).toLocaleString()} more segments`));
}

/**
 * The path in a sentence: its length and share of the trace; and, where it leaves time uncovered, why.
 * The path is the server's (CriticalPath): a gap in it is time no span on it was working, which on a
 * messaging trace is a message waiting between its producer and its consumer.
 *
 * @param {{row: number[], start: number[], end: number[], handed_off?: boolean[]}} path
 * @param {number} traceDuration microseconds
 * @returns {{text: string, why: string}}
 */
export function pathSummary(path, traceDuration) {
  const count = path.row.length;
  let total = 0;
  let handOffs = 0;
  for (let i = 0; i < count; i++) {
    total += path.end[i] - path.start[i];
    if (path.handed_off && path.handed_off[i] && (i === 0 || path.row[i - 1] !== path.row[i])) handOffs++;
  }
  const share = traceDuration > 0 ? (100 * total) / traceDuration : 0;
  const text = `${count.toLocaleString()} segment${count === 1 ? '' : 's'}, ${duration(total)} of ${duration(traceDuration)}`
    + ` (${share.toFixed(1)}%)`;
  const uncovered = Math.max(0, traceDuration - total);
  let why = '';
  if (handOffs) {
    why = `The path follows ${handOffs.toLocaleString()} asynchronous hand-off${handOffs === 1 ? '' : 's'} (a producer's`
      + ` consumer, a message handled after its poll) past the parent's end.`
      + (uncovered > 0 ? ` The other ${duration(uncovered)} is no span's work: messages waiting between producer and`
        + ' consumer, or time before the path\'s root started.' : '');
  } else if (traceDuration > 0 && share < 50) {
    why = `The other ${duration(uncovered)} lies outside the root's own time: spans that start before it or end after it`
      + ' (asynchronous work the root did not wait for) are not on a path that ends with the root.';
  }
  return { text, why };
}
