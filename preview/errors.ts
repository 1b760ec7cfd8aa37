/**
 * The error a preview input raises when it cannot be read as what it claims to be. The CLI turns it into a
 * usage error (one line, exit 2).
 */

/** Unusable preview input: not JSON, JSON of another shape, an unsupported format version. */
export class PreviewInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviewInputError';
  }
}
