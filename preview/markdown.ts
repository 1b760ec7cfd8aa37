/**
 * Small Markdown helpers for the comment: values in `<code>` with HTML escaping (safe inside tables),
 * plain text escaping, money without locale (deterministic on every machine).
 */
import type { JsonValue } from './changes';

/** Longest value shown in a table cell before it is cut. */
const MAX_VALUE_LENGTH = 200;

/** Escapes text for HTML and for a Markdown table cell. */
export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/\r?\n/g, ' ');
}

/** Inline code that survives tables, pipes, backticks and HTML in the text. */
export function code(text: string): string {
  return `<code>${escapeHtml(text)}</code>`;
}

/** Plain text for Markdown: escapes the characters that would start markup. */
export function text(value: string): string {
  return escapeHtml(value).replace(/([\\`*_[\]#])/g, '\\$1');
}

/** A JSON value as a short one-line cell. */
export function valueCell(value: JsonValue | undefined): string {
  if (value === undefined) return '';
  const shown = typeof value === 'string' ? value : JSON.stringify(value);
  const cut = shown.length > MAX_VALUE_LENGTH ? `${shown.slice(0, MAX_VALUE_LENGTH)}…` : shown;
  return code(cut);
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
