/**
 * The `acr purge` command and task file behind tag-based retention. Both renderers use these, so the
 * cdktf and Pulumi stacks schedule the same command.
 *
 * acr purge (acr-cli) takes `--filter <repository regex>:<tag regex>` (repeatable), `--ago <Go duration>`
 * (days as `90d`), `--keep <n>` (newest tags kept per repository) and `--untagged` (Microsoft Learn
 * "Automatically purge images from an Azure container registry"). Protected tags are excluded with a
 * negative lookahead in the tag pattern: acr-cli matches with a backtracking regex engine (regexp2).
 * Not confirmed against every acr-cli release: check `acr purge --dry-run` before the first run.
 */
import type { PurgeDeclaration } from './declaration';

/** The image that runs `acr purge` inside an ACR Task (the `acr` alias resolves to it). */
export const ACR_PURGE_IMAGE = 'mcr.microsoft.com/acr/acr-cli:0.17';

/** Default purge schedule: daily at 02:00 UTC. */
export const DEFAULT_PURGE_SCHEDULE = '0 2 * * *';

/** The tag pattern a filter ends up with once protected tags are excluded. */
export function purgeTagPattern(tags: string, protectedTags: readonly string[]): string {
  if (protectedTags.length === 0) return tags;
  const escaped = [...protectedTags].sort().map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return `^(?!(?:${escaped.join('|')})$)(?:${tags})$`;
}

/** The `acr purge` command line for a purge declaration. */
export function purgeCommand(purge: PurgeDeclaration): string {
  const protectedTags = purge.protectedTags ?? [];
  const filters = purge.filters.map(
    (f) => `--filter '${f.repository}:${purgeTagPattern(f.tags ?? '.*', protectedTags)}'`,
  );
  const parts = ['acr purge', ...filters, `--ago ${purge.olderThanDays}d`];
  if ((purge.keepLast ?? 0) > 0) parts.push(`--keep ${purge.keepLast}`);
  if (purge.untagged) parts.push('--untagged');
  return parts.join(' ');
}

/** The multi-step task file (acr-task.yaml) that runs the purge. */
export function purgeTaskFile(purge: PurgeDeclaration, timeoutSeconds: number): string {
  return [
    'version: v1.1.0',
    'steps:',
    `  - cmd: ${purgeCommand(purge)}`,
    '    disableWorkingDirectoryOverride: true',
    `    timeout: ${timeoutSeconds}`,
    '',
  ].join('\n');
}
