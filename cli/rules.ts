/**
 * `acr-iac rules`: lists the policy catalogue; `--markdown <file>` writes docs/rules.md.
 */
import type { Command } from 'commander';
import * as engines from './engines';
import { writeFileAtomic } from './write-file';

/** Registers `rules` on the program. */
export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the policy rules; --markdown <file> writes the catalogue as Markdown (docs/rules.md)')
    .option('--markdown <file>', 'write the catalogue as Markdown to this file')
    .addHelpText('after', '\nExit codes: 0 listed or written, 2 unusable input.')
    .action((flags: { markdown?: string }) => {
      const docs = engines.rulesDocs();
      if (flags.markdown) {
        writeFileAtomic(flags.markdown, docs.rulesMarkdown());
        process.stderr.write(`acr-iac rules: wrote ${flags.markdown}\n`);
        return;
      }
      process.stdout.write(docs.rulesText());
    });
}
