/**
 * Errors the CLI reports as unusable input: one line, exit code 2, no stack trace.
 */

/** Unusable input (missing, malformed or unknown-format file, invalid declaration, bad flag). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of the `acr-iac` command. */
export const EXIT = {
  /** Nothing mandatory failed. */
  ok: 0,
  /** Mandatory policy failures. */
  policyFailure: 1,
  /** Unusable input. */
  usage: 2,
  /** Nothing could be judged in an input (only with `check --fail-on-unchecked`). */
  unchecked: 3,
} as const;

/** The first line of an error's message, for one-line reports. */
export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').find((line) => line.trim() !== '') ?? message;
}
