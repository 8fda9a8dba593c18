/**
 * The trace page's header (id, services, span count, depth, duration) and, for an incomplete trace,
 * the banner that says what is wrong in words. The verdicts are the server's; this words them.
 */
import { duration, el, plural, serviceClass, time } from './format.js';
import { shiftedRows, skewText } from './skew.js';

/**
 * @param {HTMLElement} header
 * @param {HTMLElement} banner
 * @param {object} model
 */
export function showHeader(header, banner, model) {
  const doc = model.doc;
  const title = el('h1', 'mono', doc.trace_id || '(no trace id)');
  const facts = el('p', 'facts-line');
  facts.append(`${plural(doc.span_count, 'span')} · depth ${doc.depth.toLocaleString()} · ${duration(doc.duration)} · started ${time(doc.start)}`);
  const services = el('p', 'services');
  const traced = tracedServices(model);
  doc.services.forEach((name, i) => {
    const chip = el('span', `chip ${serviceClass(i)}${traced.has(i) ? '' : ' remote'}`);
    chip.append(el('span', 'dot'), name || '(no service)');
    // a callee that wrote no span of this trace (a database, a cache, a broker, an untraced service)
    if (!traced.has(i)) chip.title = `${name}: called here, wrote no span of this trace`;
    services.append(chip);
  });
  header.replaceChildren(title, facts, services);
  const shifted = shiftedRows(model);
  if (shifted) {
    // a placed time is a correction, never silent: say how many rows moved and why
    const line = el('p', 'skew-line');
    line.dataset.field = 'skew';
    const moves = [...model.skews.values()];
    const first = moves.length ? ` (${skewText(model, moves[0])}${moves.length > 1 ? `, and ${moves.length - 1} more` : ''})` : '';
    line.append(`Clock skew: ${plural(shifted, 'span')} drawn within ${shifted === 1 ? 'its parent' : 'their parents'}${first}. `
      + 'Tick "Times as recorded" to see them where their hosts put them.');
    header.append(line);
  }

  const problems = [];
  if (doc.orphans) {
    problems.push(`${plural(doc.orphans, 'orphan')}: span${doc.orphans === 1 ? '' : 's'} whose parent never reached the store (drawn as roots, marked "orphan").`);
  }
  for (const cycle of doc.cycles) {
    problems.push(`A cycle of parent links: ${cycle.join(' → ')} → ${cycle[0]}; cut at ${cycle[0]}, which is drawn as a root.`);
  }
  if (doc.duplicates.length) {
    const shown = doc.duplicates.slice(0, 5).join(', ');
    const more = doc.duplicates.length > 5 ? ` and ${doc.duplicates.length - 5} more` : '';
    problems.push(`${plural(doc.duplicates.length, 'span id')} came more than once: ${shown}${more}; the first copy of each is shown.`);
  }
  banner.hidden = problems.length === 0;
  banner.replaceChildren();
  if (problems.length) {
    banner.append(el('strong', '', 'This trace is incomplete. '));
    const list = el('ul');
    for (const p of problems) list.append(el('li', '', p));
    banner.append(list);
  }
}

/** The services that wrote spans of the trace (a row's own, or an RPC's server half's), by index. */
function tracedServices(model) {
  const traced = new Set();
  for (let row = 0; row < model.n; row++) {
    traced.add(model.service[row]);
    if (model.server[row] >= 0) traced.add(model.server[row]);
  }
  return traced;
}
