/**
 * The environment a plan file's name names (`prod.json`, `plan-prod.json`, `prod.tfplan.json` ->
 * `prod`), shared by `check` and `preview` so both read file names the same way.
 */
import { basename } from 'node:path';

const SUFFIXES = /([._-](tfplan|plan|preview|pulumi|terraform))+$/i;
const PREFIXES = /^((tfplan|plan|preview|pulumi|terraform)[._-])+/i;
const DECORATION_ONLY = /^(tfplan|plan|preview|pulumi|terraform)$/i;

/** The environment a file name names, or undefined when nothing is left after the usual decorations. */
export function environmentFromFileName(file: string): string | undefined {
  const stem = basename(file).replace(/\.json$/i, '');
  const env = stem.replace(SUFFIXES, '').replace(PREFIXES, '');
  return env === '' || DECORATION_ONLY.test(env) ? undefined : env;
}
