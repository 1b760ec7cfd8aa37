/**
 * `acr-iac synth`: validates the estate (`--estate <module>` or the project's config, see estate.ts),
 * synthesizes one cdktf stack per environment into the output folder (the cdktf layout), prints a
 * summary and checks the result against the policy catalogue (exit 1 on mandatory failures). Nothing is
 * written when the declaration is invalid; the output folder is replaced as a whole and only holds what
 * synth wrote (output-tree.ts). Local Terraform state lives outside it (see `localStatePath`).
 */
import type { Command } from 'commander';
import { formatProblem } from '../constructs/model/problems';
import type { ResolvedEstate } from '../constructs/model/resolve';
import * as engines from './engines';
import { EXIT } from './errors';
import { requireEstate } from './estate';
import { replaceOutputTree } from './output-tree';
import type { Progress } from './progress';
import { createProgress } from './progress';
import { summarizeEstate } from './summary';

/** Options of `synthesize`. */
export interface SynthOptions {
  /** Output folder. */
  readonly outdir: string;
  /** The estate, validated and resolved. */
  readonly estate: ResolvedEstate;
  /** Progress of the steps. @default none */
  readonly progress?: Progress | undefined;
}

/** Synthesizes the estate into `outdir`, replacing what an earlier synth wrote there. */
export function synthesize(options: SynthOptions): void {
  const { estate, outdir } = options;
  options.progress?.step(`synthesizing ${estate.order.join(', ')} into ${outdir}`);
  const { buildApp } = engines.cdktfApp('synth');
  replaceOutputTree(outdir, (folder) => buildApp(estate, folder).app.synth());
}

/** Flags of `synth`. */
interface SynthFlags {
  readonly outdir: string;
  readonly estate?: string;
  readonly quiet?: boolean;
  readonly check: boolean;
}

/** Registers `synth` on the program. */
export function registerSynth(program: Command): void {
  program
    .command('synth')
    .description('validate the estate, synthesize one cdktf stack per environment, summarize and check them')
    .option('-o, --outdir <dir>', 'output folder (replaced as a whole; state lives outside it)', 'cdktf.out')
    .option('--estate <module>', 'module exporting ESTATE (default: the project config, see --help)')
    .option('-q, --quiet', 'print nothing but errors and policy failures')
    .option('--no-check', 'skip the policy check of the synthesized stacks')
    .addHelpText(
      'after',
      [
        '',
        'The estate comes from --estate, else from acr-iac.config.ts (or .js, .mjs) or the "acr-iac"',
        'key of package.json: { "estate": "<module exporting ESTATE>" }.',
        '',
        'Exit codes: 0 synthesized (and passed), 1 mandatory policy failures, 2 invalid declaration or input.',
      ].join('\n'),
    )
    .action((opts: SynthFlags) => {
      const progress = createProgress({ quiet: opts.quiet });
      progress.step('loading the estate');
      const { estate } = requireEstate({ module: opts.estate });
      synthesize({ outdir: opts.outdir, estate, progress });
      // Warnings fail nothing: valid choices worth changing (Docker Content Trust retires, ...).
      for (const warning of estate.warnings ?? [])
        process.stderr.write(`acr-iac: warning: ${formatProblem(warning)}\n`);
      if (!opts.quiet) process.stdout.write(summarizeEstate(estate));
      if (!opts.check) return;
      // The synthesized output is judged, not the declaration: escape hatches are checked too.
      progress.step(`checking ${opts.outdir}`);
      const policies = engines.policies();
      const result = policies.checkPaths([opts.outdir], { config: policies.policyConfigFromEstate(estate) });
      const failed = result.mandatoryFailures > 0;
      if (!opts.quiet || failed)
        process.stdout.write(`\nPolicy check of ${opts.outdir}:\n${policies.renderReport(result, 'text')}\n`);
      process.exitCode = failed ? EXIT.policyFailure : EXIT.ok;
    });
}
