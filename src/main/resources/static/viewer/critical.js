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
  let total = 0;
  for (let i = 0; i < count; i++) total += path.end[i] - path.start[i];
  panel.append(el('p', 'muted', `${count.toLocaleString()} segment${count === 1 ? '' : 's'}, ${duration(total)} of ${duration(model.doc.duration)}`));
  const list = el('ol', 'path');
  for (let i = 0; i < Math.min(count, MAX_LISTED); i++) {
    const row = path.row[i];
    const length = path.end[i] - path.start[i];
    const item = el('li', serviceClass(model.service[row]));
    item.dataset.row = row;
    const share = model.doc.duration > 0 ? (100 * length) / model.doc.duration : 0;
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
