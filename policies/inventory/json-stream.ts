/**
 * A cursor over the bytes of one JSON document, read from a file in chunks or from a buffer. It walks
 * the structure of the levels a reader cares about (`members`, `elements`) and hands every other value
 * to `JSON.parse` as one piece (`value`), so a large document is never held, or parsed, whole: memory
 * stays at a chunk plus the piece being read. Every byte ends up either in a structural position the
 * cursor checks itself or inside a piece `JSON.parse` checks, so malformed JSON anywhere is rejected.
 *
 * Limits are enforced while reading: nesting depth (at any level, pieces included) and total size.
 * Errors are `InventoryInputError`s of one line: the file, the JSON path (`resource_changes[3].change`)
 * and what was expected, with the line and column for syntax errors. Input text is never echoed.
 */
import { readSync } from 'node:fs';
import { InventoryInputError } from './errors';
import { elementPath, memberPath, parseFailure, syntaxErrorAt } from './json-messages';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

/** Bytes read from a file at a time (the buffer grows only for a piece larger than this). */
const CHUNK_BYTES = 1 << 20;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === NEWLINE || c === 0x0d || c === 0x09;
}

/** Limits of one read. */
export interface JsonLimits {
  /** Deepest nesting of objects and arrays allowed (the document itself is depth 1). */
  readonly maxDepth: number;
  /** Largest document, in bytes. */
  readonly maxBytes: number;
  /** Says how to raise `maxBytes` in the error message. */
  readonly sizeHint: string;
}

/** The kind of the next value. */
export type JsonKind = 'object' | 'array' | 'scalar';

/** The cursor. Create it with `fromFile` or `fromBuffer`; read the document with the methods below. */
export class JsonCursor {
  private buf: Buffer;
  /** `buf` up to `end`: what `indexOf` may search. */
  private view: Buffer;
  private end: number;
  private pos = 0;
  /** First byte still needed (the start of the current token or piece); bytes before it may go. */
  private keep = 0;
  /** Absolute offset of `buf[0]` in the document. */
  private offset = 0;
  /** Newlines before `buf[0]`, and the absolute offset where the line holding `buf[0]` starts. */
  private lines = 0;
  private lineStart = 0;
  private eof: boolean;

  private constructor(
    private readonly fd: number | undefined,
    initial: Buffer,
    /** The file as reports show it. */
    readonly shown: string,
    private readonly limits: JsonLimits,
  ) {
    this.buf = initial;
    this.end = fd === undefined ? initial.length : 0;
    this.view = this.buf.subarray(0, this.end);
    this.eof = fd === undefined;
    if (this.eof && this.end > limits.maxBytes) this.tooLarge();
  }

  /** A cursor that reads `fd` (an open regular file) chunk by chunk. The caller closes `fd`. */
  static fromFile(fd: number, shown: string, limits: JsonLimits, chunkBytes = CHUNK_BYTES): JsonCursor {
    return new JsonCursor(fd, Buffer.allocUnsafe(chunkBytes), shown, limits).start();
  }

  /** A cursor over a whole document in memory. */
  static fromBuffer(buffer: Buffer, shown: string, limits: JsonLimits): JsonCursor {
    return new JsonCursor(undefined, buffer, shown, limits).start();
  }

  /** Skips a UTF-8 byte order mark; refuses UTF-16 (what Windows PowerShell 5 redirection writes). */
  private start(): this {
    this.fill(3);
    const b = this.buf;
    if (this.end >= 2 && ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0xfe && b[1] === 0xff))) {
      throw new InventoryInputError(
        `${this.shown}: is UTF-16 encoded; save it as UTF-8 (in PowerShell: \`| Out-File -Encoding utf8\`)`,
      );
    }
    if (this.end >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) this.pos = 3;
    if (this.peekKind() === undefined)
      throw new InventoryInputError(`${this.shown}: is empty (expected JSON)`);
    return this;
  }

  // ---- reading bytes ------------------------------------------------------------------------

  /** Reads more of the file; false at its end. Bytes before `keep` are dropped first. */
  private more(): boolean {
    if (this.eof || this.fd === undefined) return false;
    if (this.keep > 0) this.discard();
    if (this.end === this.buf.length) {
      const bigger = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(bigger, 0, 0, this.end);
      this.buf = bigger;
    }
    const n = readSync(this.fd, this.buf, this.end, this.buf.length - this.end, null);
    if (n === 0) {
      this.eof = true;
      return false;
    }
    this.end += n;
    this.view = this.buf.subarray(0, this.end);
    if (this.offset + this.end > this.limits.maxBytes) this.tooLarge();
    return true;
  }

  /** Makes sure `n` bytes from `pos` are buffered, if the document has them. */
  private fill(n: number): void {
    while (this.end - this.pos < n && this.more());
  }

  private discard(): void {
    const gone = this.keep;
    for (let i = this.buf.indexOf(NEWLINE, 0); i >= 0 && i < gone; i = this.buf.indexOf(NEWLINE, i + 1)) {
      this.lines += 1;
      this.lineStart = this.offset + i + 1;
    }
    this.buf.copy(this.buf, 0, gone, this.end);
    this.end -= gone;
    this.pos -= gone;
    this.offset += gone;
    this.keep = 0;
    this.view = this.buf.subarray(0, this.end);
  }

  private tooLarge(): never {
    const mb = Math.floor(this.limits.maxBytes / 2 ** 20);
    throw new InventoryInputError(
      `${this.shown}: is larger than the ${mb} MiB input limit (${this.limits.sizeHint})`,
    );
  }

  /** The next non-whitespace byte (not consumed), or -1 at the end of the document. */
  private peek(): number {
    for (;;) {
      while (this.pos < this.end) {
        const c = this.buf[this.pos];
        if (!isWhitespace(c)) return c;
        this.pos += 1;
      }
      if (!this.more()) return -1;
    }
  }

  /** Line and column (1-based) of an offset within the buffer. */
  private location(at: number): string {
    let line = this.lines;
    let lineStart = this.lineStart;
    for (let i = this.buf.indexOf(NEWLINE, 0); i >= 0 && i < at; i = this.buf.indexOf(NEWLINE, i + 1)) {
      line += 1;
      lineStart = this.offset + i + 1;
    }
    return `line ${line + 1}, column ${this.offset + at - lineStart + 1}`;
  }

  // ---- errors -------------------------------------------------------------------------------

  /** An input error at `path` (one line: the file, the path, the message). */
  error(path: string, message: string): InventoryInputError {
    return new InventoryInputError(`${this.shown}: ${path === '' ? '' : `${path}: `}${message}`);
  }

  private syntax(path: string, expected: string, at = this.pos): InventoryInputError {
    const found = at >= this.end ? 'the end of the document' : 'something else';
    return this.error(path, `not valid JSON: expected ${expected}, found ${found} (${this.location(at)})`);
  }

  private checkDepth(depth: number, path: string): void {
    if (depth > this.limits.maxDepth) {
      const where = this.location(this.pos);
      throw this.error(path, `nested deeper than ${this.limits.maxDepth} levels, the input limit (${where})`);
    }
  }

  // ---- tokens -------------------------------------------------------------------------------

  /** Skips a string whose opening quote is at `pos` (which stays there until the string ends). */
  private skipString(path: string): void {
    let from = this.pos + 1;
    for (;;) {
      const quote = this.view.indexOf(QUOTE, from);
      if (quote < 0) {
        // Reading more may move the buffer (and `pos` with it): keep `from` relative to `pos`.
        const ahead = this.end - this.pos;
        if (!this.more()) throw this.syntax(path, 'the end of a string', this.end);
        from = this.pos + ahead;
        continue;
      }
      let backslashes = 0;
      for (let k = quote - 1; k > this.pos && this.buf[k] === BACKSLASH; k -= 1) backslashes += 1;
      if (backslashes % 2 === 0) {
        this.pos = quote + 1;
        return;
      }
      from = quote + 1;
    }
  }

  /** Skips one value starting at `pos` (whitespace skipped), at nesting `depth` of its container. */
  private skipValue(depth: number, path: string): void {
    const c = this.peek();
    if (c === QUOTE) return this.skipString(path);
    if (c === OPEN_OBJECT || c === OPEN_ARRAY) return this.skipContainer(c, depth, path);
    // A number, true, false or null (JSON.parse checks which): up to the next delimiter.
    for (;;) {
      while (this.pos < this.end) {
        const b = this.buf[this.pos];
        if (b === COMMA || b === CLOSE_OBJECT || b === CLOSE_ARRAY || isWhitespace(b)) return;
        this.pos += 1;
      }
      if (!this.more()) return;
    }
  }

  /**
   * Skips an object or list opening at `pos`, counting its nesting against the limit: the hot loop of
   * reading a large input, so it keeps the buffer in locals and leaves strings to `skipString`.
   */
  private skipContainer(opening: number, depth: number, path: string): void {
    const max = this.limits.maxDepth;
    let nested = 0;
    let buf = this.buf;
    let end = this.end;
    let i = this.pos;
    for (;;) {
      if (i >= end) {
        this.pos = i;
        if (!this.more()) {
          throw this.syntax(path, `the end of the ${opening === OPEN_OBJECT ? 'object' : 'list'}`, this.end);
        }
        // Reading more moves the buffer, and `pos` with it.
        ({ buf, end } = this);
        i = this.pos;
        continue;
      }
      const b = buf[i];
      if (b === QUOTE) {
        this.pos = i;
        this.skipString(path);
        ({ buf, end } = this);
        i = this.pos;
        continue;
      }
      if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
        nested += 1;
        if (depth + nested > max) {
          this.pos = i;
          this.checkDepth(depth + nested, path);
        }
      } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) {
        nested -= 1;
        if (nested === 0) {
          this.pos = i + 1;
          return;
        }
      }
      i += 1;
    }
  }

  private decode(start: number, end: number): string {
    return this.buf.toString('utf8', start, end);
  }

  private parsePiece(text: string, path: string, start: number): unknown {
    try {
      return JSON.parse(text);
    } catch (error) {
      const { reason, position } = parseFailure(error);
      // The position counts UTF-16 units of the piece; the buffer needs its byte offset.
      const offset = position ?? syntaxErrorAt(text);
      const at = start + Buffer.byteLength(text.slice(0, offset));
      const what = `${reason.charAt(0).toLowerCase()}${reason.slice(1)}`;
      return this.fail(path, `not valid JSON: ${what} (${this.location(at)})`);
    }
  }

  private fail(path: string, message: string): never {
    throw this.error(path, message);
  }

  // ---- the reading API ----------------------------------------------------------------------

  /** The kind of the next value, or undefined at the end of the document. */
  peekKind(): JsonKind | undefined {
    const c = this.peek();
    if (c < 0) return undefined;
    return c === OPEN_OBJECT ? 'object' : c === OPEN_ARRAY ? 'array' : 'scalar';
  }

  /**
   * Reads the next value whole with `JSON.parse`. `depth` is the nesting of its container (0 for the
   * document itself); `path` names it in errors.
   */
  value(path: string, depth: number): unknown {
    return this.valueWithSize(path, depth).value;
  }

  /** `value`, with the number of bytes the value took in the document. */
  valueWithSize(path: string, depth: number): { value: unknown; bytes: number } {
    if (this.peek() < 0) throw this.syntax(path, 'a value');
    this.keep = this.pos;
    this.skipValue(depth, path);
    // Reading may have moved the buffer; the piece starts at `keep`, which moves with it.
    const start = this.keep;
    const value = this.parsePiece(this.decode(start, this.pos), path, start);
    const bytes = this.pos - start;
    this.keep = this.pos;
    return { value, bytes };
  }

  /**
   * Walks the next value, which must be an object: `visit` is called with each key and the member's
   * path and must consume the member's value (with `value`, `members`, `elements` or `skip`).
   * Duplicate keys are refused: readers would disagree on which one counts.
   */
  members(path: string, depth: number, expected: string, visit: (key: string, path: string) => void): void {
    if (!this.open(OPEN_OBJECT, CLOSE_OBJECT, path, depth, expected)) return;
    const seen = new Set<string>();
    do {
      if (this.peek() !== QUOTE) throw this.syntax(path, 'a property name in double quotes');
      this.keep = this.pos;
      this.skipString(path);
      const start = this.keep;
      const key = this.parsePiece(this.decode(start, this.pos), path, start) as string;
      const child = memberPath(path, key);
      if (seen.has(key)) this.fail(child, 'appears twice in the same object');
      seen.add(key);
      if (this.peek() !== COLON) throw this.syntax(child, "':' after the property name");
      this.consume();
      if (this.peek() < 0) throw this.syntax(child, 'a value');
      visit(key, child);
    } while (this.next(CLOSE_OBJECT, path, "',' or '}' after a property"));
  }

  /** Walks the next value, which must be a list: `visit` is called per element and must consume it. */
  elements(
    path: string,
    depth: number,
    expected: string,
    visit: (index: number, path: string) => void,
  ): void {
    if (!this.open(OPEN_ARRAY, CLOSE_ARRAY, path, depth, expected)) return;
    let index = 0;
    do {
      if (this.peek() < 0) throw this.syntax(path, 'a list element');
      visit(index, elementPath(path, index));
      index += 1;
    } while (this.next(CLOSE_ARRAY, path, "',' or ']' after a list element"));
  }

  /** Consumes one structural byte. */
  private consume(): void {
    this.pos += 1;
    this.keep = this.pos;
  }

  /** Opens an object or list; false when it is empty (and then already closed). */
  private open(opening: number, closing: number, path: string, depth: number, expected: string): boolean {
    if (this.peek() !== opening) this.fail(path, `expected ${expected}`);
    this.checkDepth(depth + 1, path);
    this.consume();
    if (this.peek() !== closing) return true;
    this.consume();
    return false;
  }

  /** After a member or element: true at a comma (another follows), false at the closing byte. */
  private next(closing: number, path: string, expected: string): boolean {
    const c = this.peek();
    if (c !== COMMA && c !== closing) throw this.syntax(path, expected);
    this.consume();
    return c === COMMA;
  }

  /**
   * Checks and discards the next value. Objects and lists are walked `levels` deep and what lies
   * below is parsed piece by piece, so a large member nobody needs costs no more memory than its
   * largest piece.
   */
  skip(path: string, depth: number, levels = 2): void {
    const kind = this.peekKind();
    if (levels > 0 && kind === 'object')
      this.members(path, depth, 'an object', (_, child) => this.skip(child, depth + 1, levels - 1));
    else if (levels > 0 && kind === 'array')
      this.elements(path, depth, 'a list', (_, child) => this.skip(child, depth + 1, levels - 1));
    else this.valueWithSize(path, depth);
  }

  /** Checks that nothing but whitespace follows the document. */
  finish(): void {
    if (this.peek() >= 0) throw this.syntax('', 'the end of the document after its value');
  }
}
