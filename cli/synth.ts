/**
 * `acr-iac synth`: validates the estate (stacks/environments.ts, or `--estate <module>`), synthesizes
 * one cdktf stack per environment into `cdktf.out/` (the cdktf layout), prints a summary and checks the
 * result against the policy catalogue (exit 1 on mandatory failures). Nothing is written when the
 * declaration is invalid.
 */
import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { buildApp } from '../constructs/cdktf/app';
import type { EstateDeclaration } from '../constructs/model/declaration';
import { defineEstate } from '../constructs/model/estate';
import type { ResolvedEstate } from '../constructs/model/resolve';
import { checkPaths, policyConfigFromEstate, renderReport } from '../policies';
import { loadEstate } from '../stacks/estate';
import { EXIT, UsageError } from './errors';
import { summarizeEstate } from './summary';

/** Options of `synth`. */
export interface SynthOptions {
  /** Output folder. */
  readonly outdir: string;
  /** A module exporting `ESTATE` (an EstateDeclaration). @default stacks/environments.ts */
  readonly estateModule?: string | undefined;
}

/** Loads and validates the estate from `modulePath`, or the shipped one. */
export function loadEstateFrom(modulePath?: string): ResolvedEstate {
  if (modulePath === undefined) return loadEstate();
  const file = resolve(modulePath);
  if (!existsSync(file)) throw new UsageError(`estate module ${modulePath} does not exist`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(file) as { ESTATE?: EstateDeclaration };
  if (!loaded.ESTATE) throw new UsageError(`${modulePath} does not export ESTATE (an EstateDeclaration)`);
  return defineEstate(loaded.ESTATE);
}

/** Synthesizes the estate into `outdir` and returns it; throws DeclarationError before writing anything. */
export function synthesize(options: SynthOptions): ResolvedEstate {
  const estate = loadEstateFrom(options.estateModule);
  // Stacks of removed environments must not linger in the output.
  rmSync(join(options.outdir, 'stacks'), { recursive: true, force: true });
  buildApp(estate, options.outdir).app.synth();
  return estate;
}

/** Registers `synth` on the program. */
export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('synthesize the dev, staging and prod stacks into cdktf.out/ and summarize them')
    .option('-o, --outdir <dir>', 'output folder', 'cdktf.out')
    .option('--estate <module>', 'module exporting ESTATE (default: stacks/environments.ts)')
    .option('-q, --quiet', 'print nothing but errors and policy failures')
    .option('--no-check', 'skip the policy check of the synthesized stacks')
    .action((opts: { outdir: string; estate?: string; quiet?: boolean; check: boolean }) => {
      const estate = synthesize({ outdir: opts.outdir, estateModule: opts.estate });
      if (!opts.quiet) process.stdout.write(summarizeEstate(estate));
      if (!opts.check) return;
      // The synthesized output is judged, not the declaration: escape hatches are checked too.
      const result = checkPaths([opts.outdir], { config: policyConfigFromEstate(estate) });
      const failed = result.mandatoryFailures > 0;
      if (!opts.quiet || failed)
        process.stdout.write(`\nPolicy check of ${opts.outdir}:\n${renderReport(result, 'text')}\n`);
      process.exitCode = failed ? EXIT.policyFailure : EXIT.ok;
    });
}
