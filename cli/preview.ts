/**
 * `acr-iac preview`: one pull-request comment from plan files (Terraform `show -json` or Pulumi
 * `preview --json`, told apart by content) or from two synthesized trees (`--base`, `--head`). Reads and
 * writes files; everything else is the pure `preview/` core. Nothing is written when an input is bad.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ChangeSet, SynthTree } from '../preview';
import {
  buildReport,
  constructPathsOf,
  diffSynthTrees,
  environmentFromFileName,
  loadSynthTree,
  PreviewInputError,
  readPlanFile,
  renderComment,
} from '../preview';
import { InventoryInputError } from '../policies/inventory/errors';
import { displayPath } from '../policies/inventory/load';
import { UsageError } from './errors';
import type { HeadInput } from './preview-policy';
import { evaluateHeadPolicy } from './preview-policy';
import { policyConfigFromEstate } from '../policies/config';
import { loadEstateFrom } from './synth';

/** Options of `preview`, as the command line gives them. */
export interface PreviewCommandOptions {
  readonly env?: string;
  readonly base?: string;
  readonly head?: string;
  readonly output?: string;
  readonly stepSummary?: boolean;
  readonly storageGib?: string;
  /** Module exporting ESTATE, for the policy config (order, regions, enforcement). @default stacks/environments.ts */
  readonly estate?: string;
}

/** Builds the comment for `files` / `--base --head`; throws UsageError on bad input. */
export async function buildPreviewComment(
  files: readonly string[],
  options: PreviewCommandOptions,
): Promise<string> {
  const storageGiB = parseStorage(options.storageGib);
  const heads: HeadInput[] = [];
  const changeSets =
    files.length > 0 ? planChangeSets(files, options, heads) : synthChangeSets(options, heads);
  // The head is judged with the same config as `check` and `synth`: order, regions, enforcement.
  const config = policyConfigFromEstate(loadEstateFrom(options.estate));
  const { summary, note } = await evaluateHeadPolicy(heads, config);
  return renderComment(
    buildReport(changeSets, {
      storageGiB,
      ...(summary ? { policy: summary } : {}),
      ...(note ? { policyNote: note } : {}),
    }),
  );
}

function planChangeSets(
  files: readonly string[],
  options: PreviewCommandOptions,
  heads: HeadInput[],
): ChangeSet[] {
  if (options.base) throw new UsageError('give plan files or --base/--head, not both');
  if (options.env && files.length > 1)
    throw new UsageError('--env names one environment: give one plan file with it');
  const constructPaths = options.head
    ? allConstructPaths(guard(options.head, () => loadSynthTree(options.head as string)))
    : undefined;
  const seen = new Set<string>();
  return files.map((file) => {
    const stack = options.env ?? environmentFromFileName(file);
    if (!stack) throw new UsageError(`${file}: cannot tell the environment from the file name; use --env`);
    if (seen.has(stack)) throw new UsageError(`${file}: environment "${stack}" is given twice`);
    seen.add(stack);
    // The one reader `check` uses too: same schema, limits and messages (file shown as `check` shows it).
    const { changeSet, format } = guard(file, () =>
      readPlanFile(file, displayPath(file, process.cwd()), stack, constructPaths ? { constructPaths } : {}),
    );
    heads.push({ path: file, format, environment: stack });
    return changeSet;
  });
}

function synthChangeSets(options: PreviewCommandOptions, heads: HeadInput[]): ChangeSet[] {
  if (!options.base || !options.head) {
    throw new UsageError(
      'give plan files (terraform show -json / pulumi preview --json), or --base <dir> and --head <dir>',
    );
  }
  if (options.env) throw new UsageError('--env applies to one plan file, not to --base/--head');
  const base = guard(options.base, () => loadSynthTree(options.base as string));
  const head = guard(options.head, () => loadSynthTree(options.head as string));
  heads.push({ path: options.head, format: 'synth-tree' });
  return diffSynthTrees(base, head);
}

function allConstructPaths(tree: SynthTree): Map<string, string> {
  const out = new Map<string, string>();
  for (const document of tree.stacks.values()) for (const [k, v] of constructPathsOf(document)) out.set(k, v);
  return out;
}

/** Runs `fn`, turning an input error into a usage error that names the input. */
function guard<T>(input: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    // The shared readers' messages already name the file as `check` shows it.
    if (error instanceof InventoryInputError) throw new UsageError(error.message);
    if (!(error instanceof PreviewInputError)) throw error;
    throw new UsageError(error.message.startsWith(input) ? error.message : `${input}: ${error.message}`);
  }
}

function parseStorage(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const gib = Number(value);
  if (!Number.isFinite(gib) || gib < 0)
    throw new UsageError(`--storage-gib must be a number of GiB, got "${value}"`);
  return gib;
}

/** Writes the comment where the options say: a file, the GitHub step summary, or standard output. */
function writeComment(comment: string, options: PreviewCommandOptions): void {
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (options.output) writeFileSync(options.output, comment);
  if (options.stepSummary && summaryFile) appendFileSync(summaryFile, `${comment}\n`);
  if (!options.output && !options.stepSummary) process.stdout.write(comment);
}

/** Registers `preview` on the program. */
export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('render one pull-request comment from plan files or two synthesized trees')
    .argument('[files...]', 'terraform show -json or pulumi preview --json files, one per environment')
    .option(
      '--env <name>',
      'environment of the single plan file (default: from the file name, e.g. prod.json)',
    )
    .option('--base <dir>', "the base branch's cdktf.out (with --head, no plan needed)")
    .option('--head <dir>', "the pull request's cdktf.out (with plan files: links changes to constructs)")
    .option('-o, --output <file>', 'write the comment to this file')
    .option('--step-summary', 'append the comment to $GITHUB_STEP_SUMMARY')
    .option(
      '--estate <module>',
      'module exporting ESTATE for the policy config (default: stacks/environments.ts)',
    )
    .option(
      '--storage-gib <gib>',
      "stored GiB per registry for the cost estimate (default: the tier's included storage)",
    )
    .action(async (files: string[], opts: PreviewCommandOptions) => {
      if (opts.stepSummary && !process.env.GITHUB_STEP_SUMMARY) {
        throw new UsageError('--step-summary needs $GITHUB_STEP_SUMMARY (set by GitHub Actions)');
      }
      const comment = await buildPreviewComment(files, opts);
      writeComment(comment, opts);
    });
}
