/**
 * Inert text for Markdown and HTML (the pull-request comment, the Markdown report). Every string that
 * comes from an input (addresses, names, tags, messages, `--env` values) is attacker-controlled in a
 * pull request, so it is shown as TEXT:
 *
 * - secrets that look like credentials are replaced first (`redactSecretText`);
 * - it is cut to a length cap (counted in code points, before escaping);
 * - control characters (a carriage return would start a new Markdown line: a heading, a list) and
 *   invisible or bidirectional formatting characters (U+202E right-to-left override) are shown as
 *   visible escapes (`\u202E`);
 * - every ASCII punctuation character is written as an HTML character reference, so neither Markdown
 *   (links, images, emphasis, headings, tables, autolinks, emoji `:x:`, math `$`) nor HTML can start.
 *   This also holds inside `<code>`: GitHub parses Markdown between the tags of an inline HTML element;
 * - `@` and `#` are followed by a zero-width space: GitHub turns `@name` into a mention and `#12` into a
 *   reference on the rendered HTML text, after character references are decoded.
 *
 * Strings the renderer writes itself (headings, table syntax) are not passed through here.
 */
import { redactSecretText } from './redact';

/** Longest input value shown, in code points, before it is cut with `…`. */
export const MAX_VALUE_LENGTH = 200;

/** Characters shown as escapes: C0/C1 controls, line/paragraph separators, invisible and bidi formatting. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex, no-misleading-character-class -- these are the characters to show
  /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\ufff9-\ufffb]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * ASCII punctuation that can start Markdown or HTML inside a line: emphasis (`*`, `_`), code, links and
 * images (`[`, `]`, `!`), HTML and entities (`<`, `>`, `&`), escapes, tables, strikethrough, math (`$`),
 * headings and references (`#`), mentions (`@`), URL, `www.` and domain autolinks (`:`, `.`), emoji
 * (`:x:`). The rest (parentheses, slashes, quotes, `-`, `=`) cannot start anything once these are gone.
 */
const PUNCTUATION = /[!#$&*.:<>@[\\\]_`|~]/g;

/** Zero-width space as a character reference: breaks `@mention` and `#123` without changing the look. */
const ZWSP = '&#8203;';

/** Cuts `value` to `max` code points, with `…` when cut. */
export function capLength(value: string, max = MAX_VALUE_LENGTH): string {
  const points = Array.from(value);
  return points.length > max ? `${points.slice(0, max).join('')}…` : value;
}

/** Shows control, invisible and bidi characters as `\uXXXX` (and `\n`, `\r`, `\t`). */
export function showInvisible(value: string): string {
  return value.replace(INVISIBLE, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
  });
}

/** Writes ASCII punctuation as character references and breaks mentions and references. */
function encode(value: string): string {
  return value.replace(PUNCTUATION, (c) => {
    const ref = `&#${c.charCodeAt(0)};`;
    return c === '@' || c === '#' ? ref + ZWSP : ref;
  });
}

/**
 * An input string as inert text for Markdown and HTML alike (table cells included): redacted, capped
 * at `max` code points, invisible characters shown, punctuation encoded.
 */
export function text(value: string, max = MAX_VALUE_LENGTH): string {
  return encode(showInvisible(capLength(redactSecretText(value), max)));
}

/** An input string in `<code>`, inert like `text`. */
export function code(value: string, max = MAX_VALUE_LENGTH): string {
  return `<code>${text(value, max)}</code>`;
}
