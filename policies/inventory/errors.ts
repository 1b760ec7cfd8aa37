/**
 * The error adapters throw for unusable input: one line naming the file and what is wrong.
 */

/** Unusable input (missing, malformed or unknown-format file). */
export class InventoryInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InventoryInputError';
  }
}
