/**
 * `acr-iac rules`: lists the policy catalogue; `--markdown <file>` writes docs/rules.md.
 */
import { writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { rulesMarkdown, rulesText } from '../policies/rules/docs';

/** Registers `rules` on the program. */
export function registerRules(program: Command): void {
  program
    .command('rules')
    .description('list the policy rules; --markdown <file> writes the catalogue as Markdown (docs/rules.md)')
    .option('--markdown <file>', 'write the catalogue as Markdown to this file')
    .action((flags: { markdown?: string }) => {
      if (flags.markdown) {
        writeFileSync(flags.markdown, rulesMarkdown());
        process.stderr.write(`acr-iac rules: wrote ${flags.markdown}\n`);
        return;
      }
      process.stdout.write(rulesText());
    });
}
