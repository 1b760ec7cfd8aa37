/**
 * `acr-iac check <paths...>`: judges synthesized stacks, plan or preview files against the policy
 * catalogue and the promotion model. Exit 0 without mandatory failures, 1 with, 2 for unusable input.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { CheckResult, PolicyConfigInput, ReportFormat } from '../policies';
import {
  InventoryInputError,
  REPORT_FORMATS,
  checkPaths,
  lineLookup,
  policyConfigFromEstate,
  renderReport,
} from '../policies';
import { EXIT, UsageError } from './errors';
import { loadEstateFrom } from './synth';
import { checkPulumiStack } from './check-pulumi';

/** Options of `check` as commander parses them. */
interface CheckFlags {
  readonly format: string;
  readonly output?: string;
  readonly env?: string;
  readonly suppressions?: string;
  readonly estate?: string;
  readonly order?: string;
  readonly pulumi?: string;
}

function configFrom(flags: CheckFlags): PolicyConfigInput {
  const fromEstate = policyConfigFromEstate(loadEstateFrom(flags.estate));
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
  if (!(REPORT_FORMATS as readonly string[]).includes(flag)) {
    throw new UsageError(`unknown --format ${flag} (use ${REPORT_FORMATS.join(', ')})`);
  }
  return flag as ReportFormat;
}

/** Runs a check of `paths` with CLI flags; throws UsageError for unusable input. */
function runCheck(paths: readonly string[], flags: CheckFlags): CheckResult {
  if (paths.length === 0) throw new UsageError('give paths to check, or --pulumi <stack>');
  try {
    return checkPaths(paths, {
      environment: flags.env,
      config: configFrom(flags),
      suppressionsFile: flags.suppressions,
    });
  } catch (error) {
    if (error instanceof InventoryInputError) throw new UsageError(error.message);
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
    .option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('--env <name>', 'environment of single files that do not sit in stacks/<env>/')
    .option('--suppressions <file>', 'JSON file of suppressions')
    .option(
      '--estate <module>',
      'module exporting ESTATE for order, regions and enforcement (default: stacks/environments.ts)',
    )
    .option('--order <envs>', 'promotion order, comma-separated (overrides the estate)')
    .option(
      '--pulumi <stack>',
      'also check a Pulumi stack: run its program under mocks (no Pulumi CLI needed)',
    )
    .action(async (paths: string[], flags: CheckFlags) => {
      const format = reportFormat(flags.format); // before any work: a bad flag writes nothing
      const result = flags.pulumi
        ? await checkPulumiStack(flags.pulumi, {
            paths,
            environment: flags.env,
            config: configFrom(flags),
            suppressionsFile: flags.suppressions,
          })
        : runCheck(paths, flags);
      // Reports name files relative to the working folder; SARIF also points at the resource's line.
      const lineOf = lineLookup((file) => readFileSync(file, 'utf8'));
      const report = renderReport(result, format, { lineOf });
      if (flags.output) {
        mkdirSync(dirname(flags.output), { recursive: true });
        writeFileSync(flags.output, report);
        const n = result.mandatoryFailures;
        process.stderr.write(
          `acr-iac check: ${n === 0 ? 'passed' : `${n} mandatory failure${n === 1 ? '' : 's'}`}; report in ${flags.output}\n`,
        );
      } else {
        process.stdout.write(report);
      }
      process.exitCode = result.mandatoryFailures > 0 ? EXIT.policyFailure : EXIT.ok;
    });
}
