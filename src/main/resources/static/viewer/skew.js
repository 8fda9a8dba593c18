/**
 * Clock skew as the page words it. The server placed each span (core/tree/ClockSkew) and says where
 * and by how much (the view's `shift` column and `skews`); this only words the marks and flips the
 * switch between placed and recorded times.
 */
import { duration } from './format.js';

/**
 * The mark of a skew decided at a row: "shifted by 12.3 ms: clock skew between orders and payments".
 * @param {object} model
 * @param {{shift: number, from_service: number, to_service: number, server_half: boolean}} skew
 */
export function skewText(model, skew) {
  const amount = `${skew.shift < 0 ? '−' : ''}${duration(Math.abs(skew.shift))}`;
  const from = model.services[skew.from_service] || '(no service)';
  const to = model.services[skew.to_service] || '(no service)';
  const half = skew.server_half ? `${to}'s half ` : '';
  return `${half}shifted by ${amount}: clock skew between ${from} and ${to}`;
}

/** How many rows are drawn away from their recorded times. */
export function shiftedRows(model) {
  let count = 0;
  for (let row = 0; row < model.n; row++) if (model.shift[row] !== 0) count++;
  return count;
}
