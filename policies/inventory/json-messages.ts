/**
 * How JSON readers say where input is wrong, in one line that never echoes the input: JSON paths
 * (`resource_changes[3].change`), keys shown safely, and the reason and offset of a syntax error
 * that `JSON.parse` reports.
 */

/** Shows a key or short text in a message: printable ASCII as is, anything else as a `\u` escape. */
export function quoteForMessage(text: string): string {
  let out = '"';
  for (const char of text.length > 120 ? `${text.slice(0, 117)}...` : text) {
    const code = char.codePointAt(0) ?? 0;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else out += `\\u{${code.toString(16)}}`;
  }
  return `${out}"`;
}

/** Appends a key to a JSON path: `a` + `b` = `a.b`; keys that are not plain names are quoted. */
export function memberPath(parent: string, key: string): string {
  if (/^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)) return parent === '' ? key : `${parent}.${key}`;
  return `${parent}[${quoteForMessage(key)}]`;
}

/** Appends an index to a JSON path: `a` + 3 = `a[3]`. */
export function elementPath(parent: string, index: number): string {
  return `${parent}[${index}]`;
}

/** A one-line reason from a `JSON.parse` error, without the input text V8 quotes into some messages. */
export function parseFailure(error: unknown): { reason: string; position?: number } {
  const message = error instanceof Error ? error.message : String(error);
  const located = /^(.*?) in JSON at position (\d+)/s.exec(message);
  if (located) return { reason: located[1].split('\n')[0], position: Number(located[2]) };
  const token = /^Unexpected token '(.*?)', /s.exec(message);
  if (token) return { reason: `Unexpected token ${quoteForMessage(token[1])}` };
  if (/^Unexpected end of JSON input/.test(message)) return { reason: 'Unexpected end of input' };
  return { reason: message.split('\n')[0].slice(0, 80) };
}

/**
 * The offset of the first syntax error in `text` (which `JSON.parse` refused), for messages that
 * V8 gives without a position. Only called on failure; nesting is already within the limit.
 */
export function syntaxErrorAt(text: string): number {
  let i = 0;
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i += 1;
  };
  const fail = (): never => {
    throw i;
  };
  const string = (): void => {
    i += 1;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i += 1;
        if (
          text[i] === 'u'
            ? !/^u[0-9a-fA-F]{4}/.test(text.slice(i, i + 5))
            : !'"\\/bfnrt'.includes(text[i] ?? '')
        )
          fail();
      }
      i += 1;
    }
    if (i >= text.length) fail();
    i += 1;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '"') return string();
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i += 1;
      ws();
      if (text[i] === close) {
        i += 1;
        return;
      }
      for (;;) {
        if (c === '{') {
          ws();
          if (text[i] !== '"') fail();
          string();
          ws();
          if (text[i] !== ':') fail();
          i += 1;
        }
        value();
        ws();
        if (text[i] === ',') {
          i += 1;
          continue;
        }
        if (text[i] !== close) fail();
        i += 1;
        return;
      }
    }
    const literal = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(
      text.slice(i, i + 400),
    );
    if (!literal) fail();
    i += (literal as RegExpExecArray)[0].length;
  };
  try {
    value();
    ws();
    return i;
  } catch (at) {
    return typeof at === 'number' ? at : 0;
  }
}
