/**
 * Reading an input file safely: only a regular file (a FIFO would hang, a folder is not a file),
 * within a size limit, parsed as JSON with the first line of the parser's complaint. A minimal reader
 * for the Terraform JSON adapters; the plan reader may bring a shared one with the same contract.
 */
import { readFileSync, statSync } from 'node:fs';
import { InventoryInputError } from './errors';

/** Largest input file read, in bytes (a larger one is refused rather than exhausting memory). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** The text of a regular file of at most `MAX_INPUT_BYTES`; `shown` names it in errors. */
export function readInputText(file: string, shown: string): string {
  let stats;
  try {
    stats = statSync(file);
  } catch {
    throw new InventoryInputError(`${shown}: no such file`);
  }
  if (!stats.isFile()) throw new InventoryInputError(`${shown}: not a regular file`);
  if (stats.size > MAX_INPUT_BYTES)
    throw new InventoryInputError(
      `${shown}: ${Math.round(stats.size / 1e6)} MB is larger than the ${MAX_INPUT_BYTES / 1024 / 1024} MiB limit`,
    );
  return readFileSync(file, 'utf8');
}

/** Parses JSON, turning a syntax error into a one-line input error. */
export function parseJsonText(text: string, shown: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new InventoryInputError(`${shown}: not valid JSON (${reason})`);
  }
}

/** A regular JSON file, parsed. */
export function readJsonInput(file: string, shown: string): unknown {
  return parseJsonText(readInputText(file, shown), shown);
}
