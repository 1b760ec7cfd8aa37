/**
 * `acr-iac preview`: one pull-request comment from plan files (Terraform `show -json` or Pulumi
 * `preview --json`, told apart by content) or from two synthesized trees (`--base`, `--head`). Reads and
 * writes files; everything else is the pure `preview/` core. Nothing is written when an input is bad.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { ChangeSet, SynthTree } from '../preview';
import * as engines from './engines';
import { UsageError } from './errors';
import type { LoadedEstate } from './estate';
import { findEstate } from './estate';
import type { HeadInput } from './preview-policy';
import { evaluateHeadPolicy } from './preview-policy';
import type { Progress } from './progress';
import { createProgress } from './progress';
import type { OutputTarget } from './write-file';
import { appendFileAtomic, refuseOutputOverInput, writeFileAtomic } from './write-file';

/** Options of `preview`, as the command line gives them. */
export interface PreviewCommandOptions {
  readonly env?: string;
  readonly base?: string;
  readonly head?: string;
  readonly output?: string;
  readonly stepSummary?: boolean;
  readonly storageGib?: string;
  /** Module exporting ESTATE, for the policy config (order, regions, enforcement). @default the project config */
  readonly estate?: string;
  readonly quiet?: boolean;
}

/** Builds the comment for `files` / `--base --head`; throws UsageError on bad input. */
export async function buildPreviewComment(
  files: readonly string[],
  options: PreviewCommandOptions,
  context: { readonly estate?: LoadedEstate | undefined; readonly progress?: Progress | undefined } = {},
): Promise<string> {
  const storageGiB = parseStorage(options.storageGib);
  const progress = context.progress ?? createProgress({ quiet: true });
  const heads: HeadInput[] = [];
  const changeSets =
    files.length > 0 ? planChangeSets(files, options, heads, progress) : synthChangeSets(options, heads);
  // The head is judged with the same config as `check` and `synth`: order, regions, enforcement.
  const estate = 'estate' in context ? context.estate : findEstate({ module: options.estate });
  const config = estate ? engines.policies().policyConfigFromEstate(estate.estate) : {};
  progress.step('judging the head with the policy rules');
  const { summary, note } = await evaluateHeadPolicy(heads, config);
  const { buildReport, renderComment } = engines.preview();
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
  progress: Progress,
): ChangeSet[] {
  const { detectFormat, environmentFromFileName, loadSynthTree, parsePlanDocument } = engines.preview();
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
    progress.step(`reading ${file}`);
    const document = readJsonFile(file);
    const format = detectFormat(document) === 'pulumi-preview' ? 'pulumi-preview' : 'terraform-plan';
    heads.push({ path: file, format, environment: stack });
    return guard(file, () => parsePlanDocument(document, stack, constructPaths ? { constructPaths } : {}));
  });
}

function synthChangeSets(options: PreviewCommandOptions, heads: HeadInput[]): ChangeSet[] {
  if (!options.base || !options.head) {
    throw new UsageError(
      'give plan files (terraform show -json / pulumi preview --json), or --base <dir> and --head <dir>',
    );
  }
  if (options.env) throw new UsageError('--env applies to one plan file, not to --base/--head');
  const { diffSynthTrees, loadSynthTree } = engines.preview();
  const base = guard(options.base, () => loadSynthTree(options.base as string));
  const head = guard(options.head, () => loadSynthTree(options.head as string));
  heads.push({ path: options.head, format: 'synth-tree' });
  return diffSynthTrees(base, head);
}

function allConstructPaths(tree: SynthTree): Map<string, string> {
  const { constructPathsOf } = engines.preview();
  const out = new Map<string, string>();
  for (const document of tree.stacks.values()) for (const [k, v] of constructPathsOf(document)) out.set(k, v);
  return out;
}

function readJsonFile(file: string): unknown {
  if (!existsSync(file)) throw new UsageError(`${file}: no such file`);
  const content = readFileSync(file, 'utf8');
  try {
    return JSON.parse(content);
  } catch {
    throw new UsageError(
      `${file}: not valid JSON (expected terraform show -json or pulumi preview --json output)`,
    );
  }
}

/** Runs `fn`, turning a preview input error into a usage error that names the input. */
function guard<T>(input: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!(error instanceof engines.preview().PreviewInputError)) throw error;
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
function writeComment(
  comment: string,
  options: PreviewCommandOptions,
  output: OutputTarget | undefined,
): void {
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (output) writeFileAtomic(output.file, comment);
  if (options.stepSummary && summaryFile) appendFileAtomic(summaryFile, `${comment}\n`);
  if (!output && !options.stepSummary) process.stdout.write(comment);
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
    .option('-o, --output <file>', 'write the comment to this file (never over an input)')
    .option('--step-summary', 'append the comment to $GITHUB_STEP_SUMMARY')
    .option(
      '--estate <module>',
      'module exporting ESTATE for the policy config (default: the project config, else dev,staging,prod)',
    )
    .option(
      '--storage-gib <gib>',
      "stored GiB per registry for the cost estimate (default: the tier's included storage)",
    )
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText('after', '\nExit codes: 0 comment written, 2 unusable input.')
    .action(async (files: string[], opts: PreviewCommandOptions) => {
      if (opts.stepSummary && !process.env.GITHUB_STEP_SUMMARY) {
        throw new UsageError('--step-summary needs $GITHUB_STEP_SUMMARY (set by GitHub Actions)');
      }
      const estate = findEstate({ module: opts.estate });
      const output = opts.output ? { file: opts.output, flag: '--output' } : undefined;
      const inputs = [...files, opts.base, opts.head, estate?.file].filter((x): x is string => !!x);
      if (output) refuseOutputOverInput(output, inputs);
      const summaryFile = process.env.GITHUB_STEP_SUMMARY;
      if (opts.stepSummary && summaryFile)
        refuseOutputOverInput({ file: summaryFile, flag: '$GITHUB_STEP_SUMMARY' }, inputs);
      const progress = createProgress({ quiet: opts.quiet });
      const comment = await buildPreviewComment(files, opts, { estate, progress });
      writeComment(comment, opts, output);
    });
}
