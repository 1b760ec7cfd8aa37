/**
 * Safe reading of every JSON input (plans, previews, cdk.tf.json, manifests, suppressions): only
 * regular files are opened for reading (a FIFO or a device would block or never end), within a size
 * limit and a nesting-depth limit, with one-line errors naming the file. Plans and previews are read
 * in pieces through `withJsonCursor`; the other inputs whole through `readJsonFile`.
 *
 * Limits (documented in the README):
 * - size: `DEFAULT_MAX_INPUT_MIB` (256 MiB) per file; set `ACR_IAC_MAX_INPUT_MB` to change it, up to
 *   `MAX_INPUT_MIB_CEILING` (512 MiB, about the longest string V8 can hold);
 * - nesting: `MAX_JSON_DEPTH` levels of objects and lists. Real plans nest about 20 deep; the limit
 *   keeps every recursive walk of the values (redaction, diffs, schemas) far from the stack's end.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { InventoryInputError } from './errors';
import type { JsonLimits } from './json-stream';
import { JsonCursor } from './json-stream';

/** Default size limit of one input file, in MiB. */
export const DEFAULT_MAX_INPUT_MIB = 256;

/** The highest size limit `ACR_IAC_MAX_INPUT_MB` may set, in MiB. */
export const MAX_INPUT_MIB_CEILING = 512;

/** Environment variable that sets the size limit, in MiB. */
export const MAX_INPUT_ENV = 'ACR_IAC_MAX_INPUT_MB';

/** Deepest nesting of objects and lists accepted in an input. */
export const MAX_JSON_DEPTH = 256;

/** The limits of a read, from the environment. Throws for a malformed `ACR_IAC_MAX_INPUT_MB`. */
export function inputLimits(env: NodeJS.ProcessEnv = process.env): JsonLimits {
  const raw = env[MAX_INPUT_ENV];
  let mib = DEFAULT_MAX_INPUT_MIB;
  if (raw !== undefined && raw !== '') {
    mib = Number(raw);
    if (!/^\d+$/.test(raw.trim()) || mib < 1 || mib > MAX_INPUT_MIB_CEILING) {
      throw new InventoryInputError(
        `${MAX_INPUT_ENV} must be a whole number of MiB from 1 to ${MAX_INPUT_MIB_CEILING}, got ${JSON.stringify(raw)}`,
      );
    }
  }
  return {
    maxDepth: MAX_JSON_DEPTH,
    maxBytes: mib * 2 ** 20,
    sizeHint: `set ${MAX_INPUT_ENV} to raise it, up to ${MAX_INPUT_MIB_CEILING}`,
  };
}

/**
 * Opens `file` for reading if it is a regular file. Opening does not block on a FIFO (O_NONBLOCK),
 * and the check is made on the opened descriptor, so the file cannot be swapped in between.
 */
function openRegularFile(file: string, shown: string): { fd: number; size: number } {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new InventoryInputError(`${shown}: no such file`);
    if (code === 'EISDIR') throw new InventoryInputError(`${shown}: is a folder, expected a JSON file`);
    if (code === 'EACCES' || code === 'EPERM') throw new InventoryInputError(`${shown}: permission denied`);
    throw new InventoryInputError(`${shown}: cannot be opened (${code ?? 'error'})`);
  }
  try {
    const stats = fstatSync(fd);
    if (stats.isDirectory()) throw new InventoryInputError(`${shown}: is a folder, expected a JSON file`);
    if (!stats.isFile()) {
      throw new InventoryInputError(
        `${shown}: is not a regular file (a pipe, socket or device); save the JSON to a file first`,
      );
    }
    return { fd, size: stats.size };
  } catch (error) {
    closeSync(fd);
    throw error;
  }
}

function tooLarge(shown: string, limits: JsonLimits): InventoryInputError {
  const mib = Math.floor(limits.maxBytes / 2 ** 20);
  return new InventoryInputError(`${shown}: is larger than the ${mib} MiB input limit (${limits.sizeHint})`);
}

/** Runs `read` with a cursor over `file` (read in chunks) and closes the file afterwards. */
export function withJsonCursor<T>(file: string, shown: string, read: (cursor: JsonCursor) => T): T {
  const limits = inputLimits();
  const { fd, size } = openRegularFile(file, shown);
  try {
    if (size > limits.maxBytes) throw tooLarge(shown, limits);
    return read(JsonCursor.fromFile(fd, shown, limits));
  } catch (error) {
    throw readError(error, shown);
  } finally {
    closeSync(fd);
  }
}

/** Reads `file` whole into a buffer, within the size limit. */
function readWhole(file: string, shown: string, limits: JsonLimits): Buffer {
  const { fd, size } = openRegularFile(file, shown);
  try {
    if (size > limits.maxBytes) throw tooLarge(shown, limits);
    // The file may grow while it is read: read until its end, within the limit. One byte more than its
    // size, so the read that finds the end needs no bigger buffer (and no copy of the file).
    let buffer = Buffer.allocUnsafe(Math.max(size + 1, 1024));
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length >= limits.maxBytes) throw tooLarge(shown, limits);
        const bigger = Buffer.allocUnsafe(Math.min(buffer.length * 2, limits.maxBytes + 1));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const n = readSync(fd, buffer, length, buffer.length - length, null);
      if (n === 0) break;
      length += n;
    }
    if (length > limits.maxBytes) throw tooLarge(shown, limits);
    return buffer.subarray(0, length);
  } catch (error) {
    throw readError(error, shown);
  } finally {
    closeSync(fd);
  }
}

/** Turns an I/O error while reading (EAGAIN, EIO...) into one line; input errors pass through. */
function readError(error: unknown, shown: string): unknown {
  if (error instanceof InventoryInputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string') return new InventoryInputError(`${shown}: cannot be read (${code})`);
  return error;
}

/** Runs `read` with a cursor over a document held in `buffer`, within the input limits. */
export function withJsonBuffer<T>(buffer: Buffer, shown: string, read: (cursor: JsonCursor) => T): T {
  return read(JsonCursor.fromBuffer(buffer, shown, inputLimits()));
}

/**
 * Parses a whole JSON document held in `buffer`: depth and trailing content checked, then one
 * `JSON.parse`. Throws InventoryInputError naming `shown`.
 */
export function parseJsonBuffer(buffer: Buffer, shown: string, limits: JsonLimits = inputLimits()): unknown {
  const cursor = JsonCursor.fromBuffer(buffer, shown, limits);
  const value = cursor.value('', 0);
  cursor.finish();
  return value;
}

/** True when parsed JSON nests objects and lists more than `levels` deep (the value itself is one level). */
function nestedDeeperThan(value: unknown, levels: number): boolean {
  if (typeof value !== 'object' || value === null) return false;
  if (levels === 0) return true;
  // Primitives (most values) are skipped without a call: this walks every value of every input.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const item: unknown = value[i];
      if (typeof item === 'object' && item !== null && nestedDeeperThan(item, levels - 1)) return true;
    }
    return false;
  }
  // for...in: parsed JSON objects are plain, so it sees exactly their own keys (and allocates no key list).
  for (const key in value) {
    const item = (value as Record<string, unknown>)[key];
    if (typeof item === 'object' && item !== null && nestedDeeperThan(item, levels - 1)) return true;
  }
  return false;
}

/**
 * The document in `text` when `JSON.parse` accepts it and it is within the depth limit; undefined
 * otherwise. The common case of a whole-document read: one native parse instead of the cursor's scan
 * and its copies of the text. Whatever this refuses goes to the cursor, which names what is wrong; it
 * accepts exactly what this accepts (the cursor hands the same text to `JSON.parse`).
 */
function parsedWithinLimits(text: string, limits: JsonLimits): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return nestedDeeperThan(value, limits.maxDepth) ? undefined : value;
}

/** True when a string has no lone surrogate (it survives a round trip through UTF-8 unchanged). */
function isWellFormed(text: string): boolean {
  // String.prototype.isWellFormed (ES2024, Node 20) is not in the ES2022 library types.
  return (text as unknown as { isWellFormed(): boolean }).isWellFormed();
}

/** Parses a JSON document given as text, with the same checks as a file. */
export function parseJsonText(text: string, shown: string): unknown {
  const limits = inputLimits();
  // The cursor reads the text's UTF-8 bytes, which turn a lone surrogate into U+FFFD: only a
  // well-formed text may skip it. JSON.parse never returns undefined: undefined means the cursor must
  // say why the text is refused.
  const parsed = isWellFormed(text) ? parsedWithinLimits(text, limits) : undefined;
  return parsed ?? parseJsonBuffer(Buffer.from(text, 'utf8'), shown, limits);
}

/**
 * Reads and parses a whole JSON file (cdk.tf.json, manifest.json, a suppressions file). Throws
 * InventoryInputError (one line naming `shown`) for a missing, special, oversized, too deeply nested
 * or malformed file.
 */
export function readJsonFile(file: string, shown: string): unknown {
  const limits = inputLimits();
  const buffer = readWhole(file, shown, limits);
  return parsedWithinLimits(buffer.toString('utf8'), limits) ?? parseJsonBuffer(buffer, shown, limits);
}

/**
 * Reads a whole text input (a Terraform JSON or HCL file) within the same limits as `readJsonFile`:
 * regular files only, the size limit, a UTF-8 byte order mark dropped. Throws InventoryInputError.
 */
export function readInputText(file: string, shown: string): string {
  return withoutByteOrderMark(readWhole(file, shown, inputLimits()).toString('utf8'));
}

function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Reads and parses a whole JSON input file (cdk.tf.json, a `*.tf.json`, a single JSON document) once,
 * with the checks of `readJsonFile`; returns the document and its text (a UTF-8 byte order mark
 * dropped), which the Terraform reader scans for expressions. Throws InventoryInputError.
 */
export function readJsonInput(file: string, shown: string): { readonly doc: unknown; readonly text: string } {
  const limits = inputLimits();
  // Decoded from UTF-8, the text has no lone surrogate: it parses as its bytes do. A refused text is
  // handed to the cursor as text (as parseJsonText does), so its errors read the same.
  const text = withoutByteOrderMark(readWhole(file, shown, limits).toString('utf8'));
  const doc = parsedWithinLimits(text, limits) ?? parseJsonBuffer(Buffer.from(text, 'utf8'), shown, limits);
  return { doc, text };
}
