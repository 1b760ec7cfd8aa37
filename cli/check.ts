/**
 * `acr-iac check <paths...>`: judges synthesized stacks, plan or preview files (or a Pulumi stack under
 * mocks) against the policy catalogue and the promotion model. Exit 0 without mandatory failures, 1
 * with, 2 for unusable input.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { CheckResult, PolicyConfigInput, ReportFormat } from '../policies';
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
}

/** The policy config: the estate's (order, regions, enforcement), `--order`, or the defaults. */
function configFrom(loaded: LoadedEstate | undefined, flags: CheckFlags): PolicyConfigInput {
  const fromEstate = loaded ? engines.policies().policyConfigFromEstate(loaded.estate) : {};
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
function runCheck(paths: readonly string[], flags: CheckFlags, config: PolicyConfigInput): CheckResult {
  if (paths.length === 0) throw new UsageError('give paths to check, or --pulumi <stack>');
  const policies = engines.policies();
  try {
    return policies.checkPaths(paths, {
      environment: flags.env,
      config,
      suppressionsFile: flags.suppressions,
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
      'check cdktf.out folders, cdk.tf.json, Terraform plan or Pulumi preview JSON against the policy rules',
    )
    .argument(
      '[paths...]',
      'cdktf.out folder, stack folder, cdk.tf.json, plan JSON or `pulumi preview --json` file',
    )
    .option('-f, --format <format>', 'report format (listed below)', 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout (never over an input)')
    .option('--env <name>', 'environment of single files that do not sit in stacks/<env>/')
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
    .option('-q, --quiet', 'no progress on stderr')
    .addHelpText(
      'after',
      () =>
        `\nReport formats: ${engines.policies().REPORT_FORMATS.join(', ')}.\n` +
        'Exit codes: 0 no mandatory failure, 1 mandatory failures, 2 unusable input.',
    )
    .action(async (paths: string[], flags: CheckFlags) => {
      const format = reportFormat(flags.format); // before any work: a bad flag writes nothing
      const progress = createProgress({ quiet: flags.quiet });
      const loaded = flags.pulumi
        ? requireEstate({ module: flags.estate })
        : findEstate({ module: flags.estate });
      const output = flags.output ? { file: flags.output, flag: '--output' } : undefined;
      if (output)
        refuseOutputOverInput(output, [
          ...paths,
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
          : runCheck(paths, flags, config);
      // Reports name files relative to the working folder; SARIF also points at the resource's line.
      const policies = engines.policies();
      const lineOf = policies.lineLookup((file) => readFileSync(file, 'utf8'));
      const report = policies.renderReport(result, format, { lineOf });
      if (output) {
        writeFileAtomic(output.file, report);
        const n = result.mandatoryFailures;
        process.stderr.write(
          `acr-iac check: ${n === 0 ? 'passed' : `${n} mandatory failure${n === 1 ? '' : 's'}`}; report in ${output.file}\n`,
        );
      } else {
        process.stdout.write(report);
      }
      process.exitCode = result.mandatoryFailures > 0 ? EXIT.policyFailure : EXIT.ok;
    });
}
