/**
 * Lazy loading: each command loads the library parts and the engine it needs when it runs, not when
 * the CLI starts (`acr-iac synth` never loads Pulumi; `--version` loads neither). The engines are
 * optional peer dependencies: when one is missing, the command stops with one line naming the packages
 * to install.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- loading on demand is the point of this file */
import type * as CdktfApp from '../constructs/cdktf/app';
import type * as Model from '../constructs/model/estate';
import type * as PulumiProgram from '../constructs/pulumi/program';
import type * as Policies from '../policies';
import type * as PulumiRun from '../policies/inventory/pulumi-program/run';
import type * as RulesDocs from '../policies/rules/docs';
import type * as Preview from '../preview';
import type * as GitHubComment from './github-comment';
import { UsageError } from './errors';
import { packageInfo } from '../constructs/model/package-info';

/** The peer packages of each engine, as a consumer installs them. */
export const ENGINES = {
  cdktf: ['cdktf', 'constructs', '@cdktf/provider-azurerm', '@cdktf/provider-time'],
  pulumi: ['@pulumi/pulumi', '@pulumi/azure-native', '@pulumi/azure', '@pulumiverse/time'],
} as const;

/** An engine's packages could not be loaded. */
export class MissingEngineError extends UsageError {
  constructor(
    readonly missing: string,
    readonly purpose: string,
    install: readonly string[],
  ) {
    super(`${purpose} needs ${missing}, which is not installed: npm install --save-dev ${install.join(' ')}`);
    this.name = 'MissingEngineError';
  }
}

/** The package a "Cannot find module" error is about, when it is one of `packages`. */
export function missingPackage(error: unknown, packages: readonly string[]): string | undefined {
  const e = error as NodeJS.ErrnoException | undefined;
  if (e?.code !== 'MODULE_NOT_FOUND' || typeof e.message !== 'string') return undefined;
  const id = /Cannot find module '([^']+)'/.exec(e.message)?.[1];
  return id === undefined ? undefined : packages.find((p) => id === p || id.startsWith(`${p}/`));
}

/** `npm install` arguments for the packages, with the ranges acr-iac declares for them. */
export function installArguments(packages: readonly string[]): string[] {
  const ranges = packageInfo().peerDependencies;
  return packages.map((p) => (ranges[p] ? `${p}@${ranges[p]}` : p));
}

function withEngine<T>(packages: readonly string[], purpose: string, load: () => T): T {
  try {
    return load();
  } catch (error) {
    const missing = missingPackage(error, packages);
    if (missing) throw new MissingEngineError(missing, purpose, installArguments(packages));
    throw error;
  }
}

/** Validation and defaults of estate declarations (engine-free). */
export function model(): typeof Model {
  return require('../constructs/model/estate');
}

/** The policy engine (rules, adapters, reports). */
export function policies(): typeof Policies {
  return require('../policies');
}

/** The rule catalogue as text and Markdown. */
export function rulesDocs(): typeof RulesDocs {
  return require('../policies/rules/docs');
}

/** The pull-request preview core. */
export function preview(): typeof Preview {
  return require('../preview');
}

/** The GitHub comment client of `pr-comment` (it loads the preview renderer for the marker). */
export function githubComment(): typeof GitHubComment {
  return require('./github-comment');
}

/** The cdktf app of an estate (needs the cdktf engine). */
export function cdktfApp(purpose: string): typeof CdktfApp {
  return withEngine(ENGINES.cdktf, purpose, () => require('../constructs/cdktf/app'));
}

/** The Pulumi program of an estate and its run under mocks (needs the Pulumi engine). */
export function pulumiProgram(purpose: string): typeof PulumiProgram & typeof PulumiRun {
  return withEngine(ENGINES.pulumi, purpose, () => ({
    ...(require('../constructs/pulumi/program') as typeof PulumiProgram),
    ...(require('../policies/inventory/pulumi-program/run') as typeof PulumiRun),
  }));
}
