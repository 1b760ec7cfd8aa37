/**
 * `acr-iac preview`: one pull-request comment from plan files (Terraform `show -json` or Pulumi
 * `preview --json`, told apart by content) or from two synthesized trees (`--base`, `--head`). With a
 * base (the base tree, or the base branch's plans with `--base-plan`) the policy section is the delta
 * of this change, and `--fail-on new` gates on new mandatory failures only. Reads and writes files;
 * everything else is the pure `preview/` core. Nothing is written when an input is bad.
 */
import type { Command } from 'commander';
import type { Inventory } from '../policies';
import type { ChangeSet, PolicySummary, PreviewReport, SynthTree, TerraformPlanOptions } from '../preview';
import * as engines from './engines';
import { EXIT, UsageError } from './errors';
import type { LoadedEstate } from './estate';
import { findEstate } from './estate';
import type { HeadInput } from './preview-policy';
import { evaluateHeadPolicy } from './preview-policy';
import type { Progress } from './progress';
import { createProgress } from './progress';
import type { OutputTarget } from './write-file';
import { appendFileAtomic, refuseOutputOverInput, writeFileAtomic } from './write-file';

/** What `--fail-on` gates on: new mandatory failures, any mandatory failure of the head, or nothing. */
export const FAIL_ON = ['new', 'any', 'none'] as const;

/** A `--fail-on` value. */
export type FailOn = (typeof FAIL_ON)[number];

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
  /** Plan files of the base branch, judged as the base of the policy delta. @default [] */
  readonly basePlan?: readonly string[];
  /** @default 'none' */
  readonly failOn?: string;
  /** Append `dangers=`, `new-failures=`... to $GITHUB_OUTPUT. */
  readonly githubOutput?: boolean;
  readonly quiet?: boolean;
}

/** The comment and what CI gates and reports on. */
export interface PreviewResult {
  readonly comment: string;
  readonly report: PreviewReport;
  /** Exit code for `--fail-on`: 0, or 1 when the gate trips. */
  readonly exitCode: number;
  /** Counts for CI outputs. */
  readonly outputs: Readonly<Record<string, number>>;
}

/** Builds the comment for `files` / `--base --head`; throws UsageError on bad input. */
export async function buildPreviewComment(
  files: readonly string[],
  options: PreviewCommandOptions,
  context: PreviewContext = {},
): Promise<string> {
  return (await runPreview(files, options, context)).comment;
}

/** Where `runPreview` takes the estate and reports progress. */
export interface PreviewContext {
  /** The estate for the policy config. @default found from `options.estate` or the project config */
  readonly estate?: LoadedEstate | undefined;
  /** Progress of the steps. @default none */
  readonly progress?: Progress | undefined;
}

/** Builds the comment, the gate's exit code and the CI outputs; throws UsageError on bad input. */
export async function runPreview(
  files: readonly string[],
  options: PreviewCommandOptions,
  context: PreviewContext = {},
): Promise<PreviewResult> {
  const failOn = parseFailOn(options.failOn);
  const storageGiB = parseStorage(options.storageGib);
  const progress = context.progress ?? createProgress({ quiet: true });
  const heads: HeadInput[] = [];
  const bases: HeadInput[] = [];
  const changeSets =
    files.length > 0
      ? planChangeSets(files, options, heads, bases, progress)
      : synthChangeSets(options, heads, bases);
  if (failOn === 'new' && bases.length === 0 && !options.base)
    throw new UsageError('--fail-on new needs a base: --base <dir> or --base-plan <file>');
  // Head and base are judged with the same config as `check` and `synth`: order, regions, enforcement.
  const estate = 'estate' in context ? context.estate : findEstate({ module: options.estate });
  const policies = engines.policies();
  const config = estate ? policies.policyConfigFromEstate(estate.estate) : {};
  progress.step('judging the head with the policy rules');
  const head = await evaluateHeadPolicy(heads, config);
  if (bases.length > 0) progress.step('judging the base with the policy rules');
  const base = bases.length > 0 ? await evaluateHeadPolicy(bases, config) : undefined;
  const judgedBase = options.base && bases.length === 0 ? EMPTY_SUMMARY : base?.summary;
  const { buildReport, policyDelta, renderComment } = engines.preview();
  const policy =
    head.summary && judgedBase
      ? { ...head.summary, delta: policyDelta(judgedBase, head.summary) }
      : head.summary;
  const notes = [head.note, base?.note && `Base: ${base.note}`].filter(Boolean).join(' ');
  if (failOn !== 'none' && (!head.summary || (failOn === 'new' && !judgedBase))) {
    // Fail closed: a gate never passes on what the policy engine could not judge.
    throw new UsageError(`--fail-on ${failOn}: ${notes || 'the policy result is missing'}`);
  }
  const report = buildReport(changeSets, {
    storageGiB,
    order: policies.resolvePolicyConfig(config).order,
    ...(policy ? { policy } : {}),
    ...(notes ? { policyNote: notes } : {}),
  });
  const mandatory = (list: PolicySummary['failing'] | undefined): number =>
    (list ?? []).filter((f) => f.mandatory === true).length;
  const outputs = {
    dangers: report.dangers.length,
    'new-failures': policy?.delta ? policy.delta.new.length : (policy?.failing.length ?? 0),
    'new-mandatory-failures': policy?.delta ? mandatory(policy.delta.new) : mandatory(policy?.failing),
    'fixed-failures': policy?.delta?.fixed.length ?? 0,
    'mandatory-failures': mandatory(policy?.failing),
  };
  const tripped =
    (failOn === 'new' && outputs['new-mandatory-failures'] > 0) ||
    (failOn === 'any' && outputs['mandatory-failures'] > 0);
  return {
    comment: renderComment(report),
    report,
    exitCode: tripped ? EXIT.policyFailure : EXIT.ok,
    outputs,
  };
}

const EMPTY_SUMMARY: PolicySummary = { counts: {}, failing: [] };

function parseFailOn(value: string | undefined): FailOn {
  const v = value ?? 'none';
  if (!(FAIL_ON as readonly string[]).includes(v))
    throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, got "${v}"`);
  return v as FailOn;
}

function planChangeSets(
  files: readonly string[],
  options: PreviewCommandOptions,
  heads: HeadInput[],
  bases: HeadInput[],
  progress: Progress,
): ChangeSet[] {
  const { environmentFromFileName, loadSynthTree } = engines.preview();
  if (options.base && (options.basePlan ?? []).length > 0)
    throw new UsageError('give the base as --base <dir> or as --base-plan files, not both');
  if (options.base) {
    // Plans plus the base tree: the tree is the base of the policy delta, not a change set.
    const tree = guard(options.base, () => loadSynthTree(options.base as string));
    if (tree.stacks.size > 0) bases.push({ path: options.base, format: 'synth-tree' });
  }
  for (const file of options.basePlan ?? []) {
    const environment = options.env ?? environmentFromFileName(file);
    if (!environment)
      throw new UsageError(`${file}: cannot tell the environment from the file name; use --env`);
    progress.step(`reading the base plan ${file}`);
    bases.push(readBasePlan(file, environment));
  }
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
    // The one reader `check` uses too: same schema, limits and messages (file shown as `check` shows it).
    const { changeSet, head } = readPlan(file, stack, constructPaths ? { constructPaths } : {});
    heads.push(head);
    return changeSet;
  });
}

/**
 * Reads a plan file into its change set and the policy input of its environment. Where `check` would
 * read the file as one document, the same read collects what the policy judges: a large plan is read
 * once, not once for the comment and once for the policy.
 */
function readPlan(
  file: string,
  environment: string,
  plan: TerraformPlanOptions,
): { changeSet: ChangeSet; head: HeadInput } {
  const { readPlanFile, readPlanFileAlongside } = engines.preview();
  const { checkAlongside, displayPath } = engines.policies();
  const shown = displayPath(file, process.cwd());
  const check = checkAlongside(file, environment, process.cwd());
  if (!check) {
    const { changeSet, format } = guard(file, () => readPlanFile(file, shown, environment, plan));
    return { changeSet, head: { path: file, format, environment } };
  }
  const read = guard(file, () => readPlanFileAlongside(file, shown, environment, plan, check.options));
  let alongside: typeof read.alongside | undefined = read.alongside;
  const inventory = (): Inventory => {
    // Built once and then let go: only the change set stays for the rest of the preview.
    const document = alongside;
    if (document === undefined) throw new Error(`${shown}: its inventory was already built`);
    alongside = undefined;
    if ('error' in document) throw document.error;
    return check.inventory(document);
  };
  return { changeSet: read.changeSet, head: { path: file, format: read.format, environment, inventory } };
}

/**
 * Reads a base plan for the policy delta: only its inventory is judged (the comment shows the head's
 * changes), so it is read as `check` reads it, without building a change set to throw away. Read now,
 * not when judged, so that a malformed base fails closed (exit 2); anything but a plan or a preview goes
 * through the head plans' reader, which refuses it with the line a head plan gets.
 */
function readBasePlan(file: string, environment: string): HeadInput {
  const { loadInventories } = engines.policies();
  let inventories: readonly Inventory[] = [];
  try {
    inventories = loadInventories([file], { environment, cwd: process.cwd() });
  } catch (error) {
    // An unusable input: the head reader below says why, in its own words.
    if (!(error instanceof engines.policies().InventoryInputError)) throw error;
  }
  const inventory = inventories.length === 1 ? inventories[0] : undefined;
  if (inventory?.format === 'terraform-plan')
    return { path: file, format: 'terraform-plan', environment, inventory: () => inventory };
  if (inventory?.format === 'pulumi')
    return { path: file, format: 'pulumi-preview', environment, inventory: () => inventory };
  return readPlan(file, environment, {}).head;
}

function synthChangeSets(
  options: PreviewCommandOptions,
  heads: HeadInput[],
  bases: HeadInput[],
): ChangeSet[] {
  if (!options.base || !options.head) {
    throw new UsageError(
      'give plan files (terraform show -json / pulumi preview --json), or --base <dir> and --head <dir>',
    );
  }
  if (options.env) throw new UsageError('--env applies to one plan file, not to --base/--head');
  if ((options.basePlan ?? []).length > 0)
    throw new UsageError('--base-plan goes with head plan files, not with --base/--head');
  const { diffSynthTrees, loadSynthTree } = engines.preview();
  const base = guard(options.base, () => loadSynthTree(options.base as string));
  const head = guard(options.head, () => loadSynthTree(options.head as string));
  heads.push({ path: options.head, format: 'synth-tree' });
  // An empty base (a first pull request, a base that does not synthesize) has no failures to compare.
  if (base.stacks.size > 0) bases.push({ path: options.base, format: 'synth-tree' });
  return diffSynthTrees(base, head);
}

function allConstructPaths(tree: SynthTree): Map<string, string> {
  const { constructPathsOf } = engines.preview();
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
    if (error instanceof engines.policies().InventoryInputError) throw new UsageError(error.message);
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
  result: PreviewResult,
  options: PreviewCommandOptions,
  output: OutputTarget | undefined,
): void {
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  const outputFile = process.env.GITHUB_OUTPUT;
  if (output) writeFileAtomic(output.file, result.comment);
  if (options.stepSummary && summaryFile) appendFileAtomic(summaryFile, `${result.comment}\n`);
  if (options.githubOutput && outputFile) {
    const lines = Object.entries(result.outputs).map(([key, value]) => `${key}=${value}\n`);
    appendFileAtomic(outputFile, lines.join(''));
  }
  if (!output && !options.stepSummary) process.stdout.write(result.comment);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
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
    .option(
      '--base-plan <file>',
      'a plan of the base branch (repeatable): the base of the policy delta (with plan files, or give --base <dir>)',
      collect,
      [],
    )
    .option(
      '--fail-on <what>',
      'exit 1 on: new (mandatory failures this change adds; needs a base), any (any mandatory failure of the head), none',
      'none',
    )
    .option('--github-output', 'append dangers=, new-failures=, ... to $GITHUB_OUTPUT')
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
    .addHelpText(
      'after',
      '\nExit codes: 0 comment written (or --fail-on none); 1 the --fail-on gate tripped (new or any\nmandatory policy failure); 2 unusable input, or a gate on a policy result that could not be computed.',
    )
    .action(async (files: string[], opts: PreviewCommandOptions) => {
      if (opts.stepSummary && !process.env.GITHUB_STEP_SUMMARY) {
        throw new UsageError('--step-summary needs $GITHUB_STEP_SUMMARY (set by GitHub Actions)');
      }
      if (opts.githubOutput && !process.env.GITHUB_OUTPUT) {
        throw new UsageError('--github-output needs $GITHUB_OUTPUT (set by GitHub Actions)');
      }
      const estate = findEstate({ module: opts.estate });
      const output = opts.output ? { file: opts.output, flag: '--output' } : undefined;
      const inputs = [...files, ...(opts.basePlan ?? []), opts.base, opts.head, estate?.file].filter(
        (x): x is string => !!x,
      );
      if (output) refuseOutputOverInput(output, inputs);
      const summaryFile = process.env.GITHUB_STEP_SUMMARY;
      if (opts.stepSummary && summaryFile)
        refuseOutputOverInput({ file: summaryFile, flag: '$GITHUB_STEP_SUMMARY' }, inputs);
      const outputFile = process.env.GITHUB_OUTPUT;
      if (opts.githubOutput && outputFile)
        refuseOutputOverInput({ file: outputFile, flag: '$GITHUB_OUTPUT' }, inputs);
      const progress = createProgress({ quiet: opts.quiet });
      const result = await runPreview(files, opts, { estate, progress });
      writeComment(result, opts, output);
      process.exitCode = result.exitCode;
    });
}
