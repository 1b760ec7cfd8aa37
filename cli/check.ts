/**
 * `acr-iac check <paths...>`: judges synthesized stacks, Terraform root modules, plan or preview files
 * (or a Pulumi stack under mocks) against the policy catalogue and the promotion model. Exit 0 without
 * mandatory failures, 1 with, 2 for unusable input, 3 (with `--fail-on-unchecked`) when nothing could
 * be judged in an input.
 */
import { readFileSync } from 'node:fs';
import path, { isAbsolute, relative } from 'node:path';
import type { Command } from 'commander';
import type {
  CheckResult,
  DeclarationLookup,
  Finding,
  PolicyConfigInput,
  Posture,
  ReportFormat,
} from '../policies';
import { checkPulumiStack } from './check-pulumi';
import * as engines from './engines';
import { EXIT, UsageError } from './errors';
import type { LoadedEstate } from './estate';
import { findEstate, requireEstate } from './estate';
import { createProgress } from './progress';
import { refuseOutputOverInput, writeFileAtomic } from './write-file';

/** Options of `check` as commander parses them. */
interface CheckFlags {
  readonly format: string;
  readonly output?: string;
  readonly env?: string;
  readonly suppressions?: string;
  readonly estate?: string;
  readonly order?: string;
  readonly pulumi?: string;
  readonly quiet?: boolean;
  /** What the base branch deploys (same kinds of path): the base of `--fail-on new`. */
  readonly base?: string[];
  /** @default 'any' */
  readonly failOn?: string;
  readonly var: string[];
  readonly varFile: string[];
  readonly posture?: string;
  readonly failOnUnchecked?: boolean;
}

/** The estate module's declarations, for SARIF locations; only a module inside the working folder. */
function estateDeclarations(loaded: LoadedEstate | undefined): DeclarationLookup {
  if (!loaded) return () => undefined;
  const file = relative(process.cwd(), loaded.file).split('\\').join('/');
  if (isAbsolute(file) || file.startsWith('..') || file.includes('node_modules/')) return () => undefined;
  const lookup = engines.policies().declarationLookup(file, readFileSync(loaded.file, 'utf8'));
  // Only synthesized stacks come from the estate module; plans and previews may not.
  return (finding) => (finding.location.file.endsWith('cdk.tf.json') ? lookup(finding) : undefined);
}

/** The exit code of a check: mandatory failures of the head (`any`), only new ones (`new`), or none. */
function gateOf(result: CheckResult, base: CheckResult | undefined, failOn: string): number {
  const mandatory = (findings: readonly Finding[]): Finding[] =>
    findings.filter((f) => f.result === 'fail' && f.mandatory);
  if (failOn === 'none') return EXIT.ok;
  if (failOn === 'any') return result.mandatoryFailures > 0 ? EXIT.policyFailure : EXIT.ok;
  if (!base) throw new UsageError('--fail-on new needs --base <path>');
  const { deltaBy, failureKey } = engines.preview();
  const key = (f: Finding): string =>
    failureKey({ ruleId: f.ruleId, environment: f.environment, resource: f.location.address });
  const delta = deltaBy(mandatory(base.findings), mandatory(result.findings), key);
  process.stderr.write(
    `acr-iac check: ${delta.new.length} new mandatory failure${delta.new.length === 1 ? '' : 's'} (${delta.unchanged.length} also on the base, ${delta.fixed.length} fixed)\n`,
  );
  return delta.new.length > 0 ? EXIT.policyFailure : EXIT.ok;
}

/** Collects a repeatable option's values. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The posture a flag names; throws UsageError for an unknown one. */
function postureFlag(flag: string | undefined): Posture | undefined {
  if (flag === undefined) return undefined;
  const known = engines.policies().POSTURES;
  if (!(known as readonly string[]).includes(flag))
    throw new UsageError(`unknown --posture ${flag} (use ${known.join(', ')})`);
  return flag as Posture;
}

/** The policy config: the estate's (order, regions, enforcement), `--order`, `--posture`, or the defaults. */
function configFrom(loaded: LoadedEstate | undefined, flags: CheckFlags): PolicyConfigInput {
  const posture = postureFlag(flags.posture);
  const fromEstate = {
    ...(loaded ? engines.policies().policyConfigFromEstate(loaded.estate) : {}),
    ...(posture ? { postureOverride: posture } : {}),
  };
  if (!flags.order) return fromEstate;
  const order = flags.order
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (order.length === 0) throw new UsageError('--order needs environment names, e.g. dev,staging,prod');
  return { ...fromEstate, order, enforcement: {} };
}

/** The report format a flag names; throws UsageError for an unknown one. */
function reportFormat(flag: string): ReportFormat {
  const known = engines.policies().REPORT_FORMATS as readonly string[];
  if (!known.includes(flag)) throw new UsageError(`unknown --format ${flag} (use ${known.join(', ')})`);
  return flag as ReportFormat;
}

/** Runs a check of `paths` with CLI flags; throws UsageError for unusable input. */
async function runCheck(
  paths: readonly string[],
  flags: CheckFlags,
  config: PolicyConfigInput,
): Promise<CheckResult> {
  if (paths.length === 0) throw new UsageError('give paths to check, or --pulumi <stack>');
  const policies = engines.policies();
  const cwd = process.cwd();
  try {
    // HCL (*.tf, *.tfvars) is converted first, so the loader reads it like *.tf.json.
    const hcl = await policies.readHclFiles(policies.hclFilesOf(paths, flags.varFile, cwd), (file) =>
      policies.displayPath(path.resolve(cwd, file), cwd),
    );
    return policies.checkPaths(paths, {
      environment: flags.env,
      config,
      suppressionsFile: flags.suppressions,
      vars: flags.var,
      varFiles: flags.varFile,
      hcl,
    });
  } catch (error) {
    if (error instanceof policies.InventoryInputError) throw new UsageError(error.message);
    throw error;
  }
}

/** Registers `check` on the program. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description(
      'check cdktf.out folders, Terraform root modules (*.tf.json, *.tf), plan or Pulumi preview JSON against the policy rules',
    )
    .argument(
      '[paths...]',
      'cdktf.out folder, stack folder, root module folder, *.tf.json or *.tf files, plan JSON or `pulumi preview --json` file',
    )
    .option('-f, --format <format>', 'report format (listed below)', 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout (never over an input)')
    .option(
      '--env <name>',
      'environment of inputs that do not sit in stacks/<env>/ (default: from the file or folder name)',
    )
    .option('--posture <posture>', 'judge every environment with this posture (listed below)')
    .option(
      '--var <name=value>',
      'a value for a variable of a Terraform root module (repeatable)',
      collect,
      [],
    )
    .option(
      '--var-file <file>',
      'a variables file (*.tfvars.json, *.tfvars) for Terraform root modules (repeatable)',
      collect,
      [],
    )
    .option('--fail-on-unchecked', 'exit 3 when nothing could be judged in an input (e.g. only module calls)')
    .option('--suppressions <file>', 'JSON file of suppressions')
    .option(
      '--estate <module>',
      'module exporting ESTATE for order, regions and enforcement (default: the project config, else dev,staging,prod)',
    )
    .option('--order <envs>', 'promotion order, comma-separated (overrides the estate)')
    .option(
      '--pulumi <stack>',
      "also check a Pulumi stack: run the estate's program under mocks (no Pulumi CLI needed)",
    )
    .option(
      '--base <path>',
      'what the base branch deploys (repeatable; same kinds of path): the base of --fail-on new',
      collect,
      [],
    )
    .option(
      '--fail-on <what>',
      'exit 1 on: any (mandatory failure), new (mandatory failures not on --base), none',
      'any',
    )
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText('after', () => {
      const policies = engines.policies();
      return [
        '',
        `Report formats: ${policies.REPORT_FORMATS.join(', ')}.`,
        `Postures: ${policies.POSTURES.join(', ')}.`,
        '',
        'Exit codes: 0 passed; 1 mandatory failures (with --fail-on new: only those not on the base);',
        '2 unusable input; 3 nothing could be judged (with --fail-on-unchecked).',
      ].join('\n');
    })
    .action(async (paths: string[], flags: CheckFlags) => {
      const format = reportFormat(flags.format); // before any work: a bad flag writes nothing
      if (!['any', 'new', 'none'].includes(flags.failOn ?? 'any'))
        throw new UsageError(`--fail-on must be one of any, new, none, got "${flags.failOn}"`);
      if (flags.failOn === 'new' && (flags.base ?? []).length === 0)
        throw new UsageError('--fail-on new needs --base <path>');
      const progress = createProgress({ quiet: flags.quiet });
      const loaded = flags.pulumi
        ? requireEstate({ module: flags.estate })
        : findEstate({ module: flags.estate });
      const output = flags.output ? { file: flags.output, flag: '--output' } : undefined;
      if (output)
        refuseOutputOverInput(output, [
          ...paths,
          ...(flags.base ?? []),
          ...flags.varFile,
          ...(flags.suppressions ? [flags.suppressions] : []),
          ...(loaded ? [loaded.file] : []),
        ]);
      const config = configFrom(loaded, flags);
      progress.step(
        `checking ${[...paths, ...(flags.pulumi ? [`Pulumi stack ${flags.pulumi}`] : [])].join(', ')}`,
      );
      const result =
        flags.pulumi && loaded
          ? await checkPulumiStack(flags.pulumi, {
              estate: loaded.declaration,
              paths,
              environment: flags.env,
              config,
              suppressionsFile: flags.suppressions,
            })
          : await runCheck(paths, flags, config);
      const baseInputs = flags.base ?? [];
      if (baseInputs.length > 0) progress.step(`checking the base ${baseInputs.join(', ')}`);
      const base = baseInputs.length > 0 ? await runCheck(baseInputs, flags, config) : undefined;
      // Reports name files relative to the working folder; SARIF also points at the resource's line.
      const policies = engines.policies();
      const lineOf = policies.lineLookup((file) => readFileSync(file, 'utf8'));
      const report = policies.renderReport(result, format, {
        lineOf,
        declarationOf: estateDeclarations(loaded),
      });
      const gate = gateOf(result, base, flags.failOn ?? 'any');
      const exitCode =
        gate === EXIT.ok && flags.failOnUnchecked === true && result.unchecked.length > 0
          ? EXIT.unchecked
          : gate;
      if (output) {
        writeFileAtomic(output.file, report);
        const n = result.mandatoryFailures;
        const nothing = result.unchecked.length > 0 && result.unchecked.length === result.environments.length;
        const state =
          n > 0 ? `${n} mandatory failure${n === 1 ? '' : 's'}` : nothing ? 'nothing checked' : 'passed';
        process.stderr.write(`acr-iac check: ${state}; report in ${output.file}\n`);
      } else {
        process.stdout.write(report);
      }
      process.exitCode = exitCode;
    });
}
