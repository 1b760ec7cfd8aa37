/**
 * `acr-iac check <paths...>`: judges synthesized stacks, Terraform root modules, plan or preview files
 * against the policy catalogue and the promotion model. Exit 0 without mandatory failures, 1 with, 2
 * for unusable input, 3 (with `--fail-on-unchecked`) when nothing could be judged in an input.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path, { dirname } from 'node:path';
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
import type { Posture } from '../policies/rules/types';
import { POSTURES } from '../policies/rules/types';
import { hclFilesOf, readHclFiles } from '../policies/inventory/terraform-json/hcl';
import { displayPath } from '../policies/inventory/load';
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
  readonly var: string[];
  readonly varFile: string[];
  readonly posture?: string;
  readonly failOnUnchecked?: boolean;
}

/** Collects a repeatable option's values. */
function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The posture a flag names; throws UsageError for an unknown one. */
function postureFlag(flag: string | undefined): Posture | undefined {
  if (flag === undefined) return undefined;
  if (!(POSTURES as readonly string[]).includes(flag))
    throw new UsageError(`unknown --posture ${flag} (use ${POSTURES.join(', ')})`);
  return flag as Posture;
}

function configFrom(flags: CheckFlags): PolicyConfigInput {
  const posture = postureFlag(flags.posture);
  const fromEstate = {
    ...policyConfigFromEstate(loadEstateFrom(flags.estate)),
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
  if (!(REPORT_FORMATS as readonly string[]).includes(flag)) {
    throw new UsageError(`unknown --format ${flag} (use ${REPORT_FORMATS.join(', ')})`);
  }
  return flag as ReportFormat;
}

/** Runs a check of `paths` with CLI flags; throws UsageError for unusable input. */
async function runCheck(paths: readonly string[], flags: CheckFlags): Promise<CheckResult> {
  if (paths.length === 0) throw new UsageError('give paths to check, or --pulumi <stack>');
  const cwd = process.cwd();
  try {
    // HCL (*.tf, *.tfvars) is converted first, so the loader reads it like *.tf.json.
    const hcl = await readHclFiles(hclFilesOf(paths, flags.varFile, cwd), (file) =>
      displayPath(path.resolve(cwd, file), cwd),
    );
    return checkPaths(paths, {
      environment: flags.env,
      config: configFrom(flags),
      suppressionsFile: flags.suppressions,
      vars: flags.var,
      varFiles: flags.varFile,
      hcl,
    });
  } catch (error) {
    if (error instanceof InventoryInputError) throw new UsageError(error.message);
    throw error;
  }
}

/** The exit code of a check: 1 for mandatory failures, 3 for an input with nothing judged (when asked). */
function exitCode(result: CheckResult, failOnUnchecked: boolean): number {
  if (result.mandatoryFailures > 0) return EXIT.policyFailure;
  if (failOnUnchecked && result.unchecked.length > 0) return EXIT.unchecked;
  return EXIT.ok;
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
    .option('-f, --format <format>', `report format: ${REPORT_FORMATS.join(', ')}`, 'text')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option(
      '--env <name>',
      'environment of inputs that do not sit in stacks/<env>/ (default: from the file or folder name)',
    )
    .option('--posture <posture>', `judge every environment with this posture: ${POSTURES.join(', ')}`)
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
        : await runCheck(paths, flags);
      // Reports name files relative to the working folder; SARIF also points at the resource's line.
      const lineOf = lineLookup((file) => readFileSync(file, 'utf8'));
      const report = renderReport(result, format, { lineOf });
      if (flags.output) {
        mkdirSync(dirname(flags.output), { recursive: true });
        writeFileSync(flags.output, report);
        const n = result.mandatoryFailures;
        const nothing = result.unchecked.length > 0 && result.unchecked.length === result.environments.length;
        const state =
          n > 0 ? `${n} mandatory failure${n === 1 ? '' : 's'}` : nothing ? 'nothing checked' : 'passed';
        process.stderr.write(`acr-iac check: ${state}; report in ${flags.output}\n`);
      } else {
        process.stdout.write(report);
      }
      process.exitCode = exitCode(result, flags.failOnUnchecked === true);
    });
}
