/**
 * Paste a traceparent: the server parses it under both policies (POST /api/traceparent/parse) and this
 * shows the fields, or the reason it was refused with the offending character marked where it is.
 */
import * as api from './api.js';
import { el } from './format.js';

/**
 * @param {{form: HTMLFormElement, input: HTMLInputElement, result: HTMLElement}} elements
 */
export function startPaste(elements) {
  elements.form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const header = elements.input.value;
    elements.result.replaceChildren(el('p', 'muted', 'parsing…'));
    try {
      const [strict, lenient] = await Promise.all([api.parse(header, 'strict'), api.parse(header, 'lenient')]);
      elements.result.replaceChildren(verdict('strict (W3C)', header, strict), verdict('lenient (course samples)', header, lenient));
    } catch (e) {
      elements.result.replaceChildren(el('p', 'error-text', `Could not ask the server: ${e.message}`));
    }
  });
}

function verdict(policy, header, answer) {
  const box = el('div', `verdict ${answer.ok ? 'accepted' : 'refused'}`);
  box.dataset.policy = policy.split(' ')[0];
  box.append(el('h3', '', `${policy}: ${answer.ok ? 'valid' : 'invalid'}`));
  if (answer.ok) {
    const v = answer.value;
    const dl = el('dl', 'facts');
    for (const [term, value] of [['version', v.version], ['trace id', v.trace_id], ['parent id', v.parent_span_id],
      ['flags', `${v.flags} (sampled: ${v.sampled})`]]) {
      dl.append(el('dt', '', term), el('dd', 'mono', value));
    }
    box.append(dl);
    return box;
  }
  const problem = answer.problem;
  box.append(el('p', 'reason', problem.detail));
  if (typeof problem.index === 'number' && problem.index >= 0) box.append(marked(header, problem.index));
  return box;
}

/** The header with the character at index marked, escaped as the server escapes it, and a caret below. */
function marked(header, index) {
  const line = el('pre', 'marked');
  const visible = (c) => (c >= ' ' && c <= '~' ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  line.append([...header.slice(0, index)].map(visible).join(''));
  const mark = el('mark', '', index < header.length ? visible(header[index]) : '␄');
  mark.title = index < header.length ? `index ${index}` : `index ${index}: the header ends here`;
  line.append(mark, [...header.slice(index + 1)].map(visible).join(''));
  return line;
}
