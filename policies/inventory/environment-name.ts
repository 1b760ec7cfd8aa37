/**
 * Which environment an input is judged as, and why: `--env`, a `stacks/<env>/` folder, a file or
 * folder name that names an environment of the estate's chain (`prod.json`, `plan-staging.json`,
 * `prod.tfplan.json`, `envs/prod/`), or the default. Shared by `check` and `preview`, so both read
 * file names the same way; every choice carries its origin so reports can state it.
 */
import { basename } from 'node:path';
import type { EnvironmentOrigin } from './input-notes';

const DECORATIONS = '(tfplan|plan|preview|pulumi|terraform|tf|cdk)';
const SUFFIXES = new RegExp(`([._-]${DECORATIONS})+$`, 'i');
const PREFIXES = new RegExp(`^(${DECORATIONS}[._-])+`, 'i');
const DECORATION_ONLY = new RegExp(`^${DECORATIONS}$`, 'i');

/** The environment of input whose name names none: judged with the strictest posture (see `policies/posture.ts`). */
export const DEFAULT_ENVIRONMENT = 'default';

/** The name a file's name gives after the usual decorations are removed (`prod.tfplan.json` -> `prod`). */
function stemOf(file: string): string | undefined {
  const stem = basename(file)
    .replace(/\.json$/i, '')
    .replace(SUFFIXES, '')
    .replace(PREFIXES, '');
  return stem === '' || DECORATION_ONLY.test(stem) ? undefined : stem;
}

/**
 * The environment a file name names, or undefined.
 * @param known the estate's environments: when given, only a name among them counts, matched
 *   case-insensitively as the whole name or as one of its `.`/`-`/`_` separated words
 *   (`plan-prod-westeurope.json` names `prod`); when absent, whatever is left after the usual
 *   decorations (`qa.plan.json` -> `qa`)
 */
export function environmentFromFileName(file: string, known?: readonly string[]): string | undefined {
  const stem = stemOf(file);
  if (stem === undefined || known === undefined) return stem;
  const byLower = new Map(known.map((env) => [env.toLowerCase(), env]));
  const whole = byLower.get(stem.toLowerCase());
  if (whole !== undefined) return whole;
  const words = new Set(
    stem
      .split(/[._-]+/)
      .map((w) => byLower.get(w.toLowerCase()))
      .filter((env): env is string => env !== undefined),
  );
  return words.size === 1 ? [...words][0] : undefined;
}

/** An environment and how it was decided. */
export interface EnvironmentChoice {
  readonly name: string;
  readonly origin: EnvironmentOrigin;
}

/** What an input offers to name its environment, strongest first. */
export interface EnvironmentClues {
  /** `--env`. */
  readonly flag?: string | undefined;
  /** The `<env>` of a `stacks/<env>/` folder the file sits in. */
  readonly stackFolder?: string | undefined;
  /** Display path of a file whose name may name the environment (plans, previews, Terraform files). */
  readonly file?: string;
  /** Display path of a folder (a root module) whose name may name the environment. */
  readonly folder?: string;
  /** The estate's environments in promotion order. @default names are taken as they are */
  readonly known?: readonly string[];
}

/** The environment of an input from its clues, with its origin; the default when none names one. */
export function chooseEnvironment(clues: EnvironmentClues): EnvironmentChoice {
  if (clues.flag !== undefined)
    return { name: clues.flag, origin: { from: 'flag', detail: `--env ${clues.flag}` } };
  if (clues.stackFolder !== undefined)
    return {
      name: clues.stackFolder,
      origin: { from: 'stack-folder', detail: `stacks/${clues.stackFolder}/` },
    };
  if (clues.file !== undefined) {
    const named = environmentFromFileName(clues.file, clues.known);
    if (named !== undefined)
      return { name: named, origin: { from: 'file-name', detail: `file name ${basename(clues.file)}` } };
  }
  if (clues.folder !== undefined) {
    const named = environmentFromFileName(`${basename(clues.folder)}.json`, clues.known);
    if (named !== undefined)
      return {
        name: named,
        origin: { from: 'folder-name', detail: `folder name ${basename(clues.folder)}/` },
      };
  }
  const what = clues.file ?? clues.folder;
  const detail = what
    ? `the default: ${basename(what)} names no environment${clues.known ? ` of the chain ${clues.known.join(' -> ')}` : ''}`
    : 'the default: no environment is named';
  return { name: DEFAULT_ENVIRONMENT, origin: { from: 'default', detail } };
}
