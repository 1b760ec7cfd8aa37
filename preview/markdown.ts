/**
 * Markdown helpers for the comment. Input strings are shown as inert text by `text` and `code`
 * (`policies/inert-text.ts`, shared with the Markdown reports); the rest formats what the renderer
 * writes itself.
 */
import type { JsonValue } from './changes';
import { code } from '../policies/inert-text';

export { MAX_VALUE_LENGTH, capLength, code, showInvisible, text } from '../policies/inert-text';

/** A JSON value as a short one-line `<code>` cell. */
export function valueCell(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  return code(typeof value === 'string' ? value : JSON.stringify(value));
}

/** US dollars with two decimals and thousands separators, independent of the machine's locale. */
export function usd(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  const [whole, cents] = Math.abs(amount).toFixed(2).split('.');
  return `${sign}$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** A count with its noun, singular or plural. */
export function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}
