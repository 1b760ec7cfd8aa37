/**
 * `acr-iac pr-comment`: creates or updates the one preview comment on a GitHub pull request (found by
 * its marker), with the token in an environment variable (never on the command line, where process
 * lists show it). `--dry-run` prints the API calls instead of sending the mutating one.
 */
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import * as engines from './engines';
import { UsageError } from './errors';

/** Options of `pr-comment` as commander parses them. */
interface PrCommentFlags {
  readonly file: string;
  readonly repo?: string;
  readonly pr?: string;
  readonly apiUrl?: string;
  readonly author?: string;
  readonly tokenEnv: string;
  readonly dryRun?: boolean;
}

/** Registers `pr-comment` on the program. */
export function registerPrComment(program: Command): void {
  program
    .command('pr-comment')
    .description('create or update the preview comment of a GitHub pull request (found by its marker)')
    .requiredOption('--file <file>', 'the comment (acr-iac preview --output)')
    .option('--repo <owner/name>', 'repository (default: $GITHUB_REPOSITORY)')
    .option('--pr <number>', 'pull request number')
    .option('--api-url <url>', 'REST API URL (default: $GITHUB_API_URL or https://api.github.com)')
    .option('--author <login>', 'only update a comment by this login (e.g. github-actions[bot])')
    .option('--token-env <name>', 'environment variable holding the token', 'GITHUB_TOKEN')
    .option('--dry-run', 'print the API calls instead of sending them (no token needed)')
    .addHelpText(
      'after',
      '\nExit codes: 0 comment created or updated (or printed), 2 bad input or an API error.',
    )
    .action(async (flags: PrCommentFlags) => {
      const { dryRunCall, fetchCall, GitHubCommentError, upsertComment } = engines.githubComment();
      if (!existsSync(flags.file)) throw new UsageError(`${flags.file}: no such file`);
      const body = readFileSync(flags.file, 'utf8');
      const repository = flags.repo ?? process.env.GITHUB_REPOSITORY ?? '';
      const pullRequest = Number(flags.pr ?? '');
      const apiUrl = flags.apiUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com';
      const token = process.env[flags.tokenEnv];
      if (!flags.dryRun && !token) throw new UsageError(`$${flags.tokenEnv} is not set: it holds the token`);
      const print = (line: string): void => {
        process.stdout.write(`${line}\n`);
      };
      const call = flags.dryRun ? dryRunCall(print) : fetchCall(token as string);
      try {
        const outcome = await upsertComment(
          { apiUrl, repository, pullRequest, body, ...(flags.author ? { author: flags.author } : {}) },
          call,
        );
        process.stderr.write(
          `acr-iac pr-comment: ${flags.dryRun ? 'dry run, nothing sent' : `comment ${outcome.action}${outcome.url ? `: ${outcome.url}` : ''}`}\n`,
        );
      } catch (error) {
        if (error instanceof GitHubCommentError) throw new UsageError(error.message);
        throw error;
      }
    });
}
