/**
 * Purge tasks that delete more: a new purge, a wider filter, a shorter `--ago`, a lower `--keep`,
 * protected tags dropped, untagged manifests added.
 */
import { MIN_RETENTION_DAYS } from '../../constructs/model/retention';
import type { ChangeSet, ResourceChange } from '../changes';
import type { PurgeSchedule } from '../purge-step';
import { matchesEverything, purgeSchedules } from '../purge-step';
import { changeKind } from '../resource-kinds';
import { existsAfter, existsBefore } from './context';
import type { Regression } from './types';

/** Purge schedules of tasks that only exist on one side (`delete`: removed ones, a rename's old half). */
export function unmatchedPurges(set: ChangeSet, action: 'delete'): PurgeSchedule[] {
  return set.resources
    .filter((r) => changeKind(r) === 'task' && r.action === action)
    .flatMap((r) => purgeSchedules(r.before, r.type));
}

function describe(schedule: PurgeSchedule): string {
  const filters = schedule.filters.map((f) => f.raw).join(' ');
  const parts = [`--filter ${filters || '(none)'}`, `--ago ${schedule.ago ?? '(none)'}`];
  if (schedule.keep > 0) parts.push(`--keep ${schedule.keep}`);
  if (schedule.untagged) parts.push('--untagged');
  return parts.join(' ');
}

export function purgeRegressions(resource: ResourceChange, removed: readonly PurgeSchedule[]): Regression[] {
  if (changeKind(resource) !== 'task') return [];
  const after = existsAfter(resource) ? purgeSchedules(resource.after, resource.type) : [];
  if (after.length === 0) return [];
  const before = existsBefore(resource) ? purgeSchedules(resource.before, resource.type) : [];
  const out: Regression[] = [];
  after.forEach((schedule, index) => {
    // A new purge task compares with a removed one (a rename); with none, it is a new deletion.
    const previous = before[index] ?? (resource.action === 'create' ? removed[0] : undefined);
    if (!previous) {
      out.push({
        kind: 'retention-weakened',
        severity: schedule.filters.some(matchesEverything) ? 'high' : 'medium',
        message: 'purge task added',
        after: describe(schedule),
        why: 'a scheduled acr purge deletes the matching tags and their images, unrecoverably',
      });
      return;
    }
    out.push(...comparePurges(previous, schedule));
  });
  return out;
}

function comparePurges(before: PurgeSchedule, after: PurgeSchedule): Regression[] {
  const out: Regression[] = [];
  const push = (r: Omit<Regression, 'kind' | 'before' | 'after'>, was: string, will: string): void => {
    out.push({ kind: 'retention-weakened', before: was, after: will, ...r });
  };
  const old = new Set(before.filters.map((f) => f.raw));
  const added = after.filters.filter((f) => !old.has(f.raw));
  if (added.length > 0) {
    push(
      {
        severity: added.some(matchesEverything) ? 'critical' : 'high',
        message: 'purge filter widened',
        why: added.some(matchesEverything)
          ? 'the purge now matches every repository and every tag'
          : 'the purge matches repositories or tags it did not match before',
      },
      before.filters.map((f) => f.raw).join(' ') || '(none)',
      after.filters.map((f) => f.raw).join(' '),
    );
  }
  if (before.agoHours !== undefined && after.agoHours !== undefined && after.agoHours < before.agoHours) {
    push(
      {
        severity: after.agoHours < 24 * MIN_RETENTION_DAYS ? 'high' : 'medium',
        message: 'purge age (--ago) shortened',
        why: 'tags are deleted younger: images still in use or needed for a rollback may go',
      },
      `--ago ${before.ago}`,
      `--ago ${after.ago}`,
    );
  }
  if (after.keep < before.keep) {
    push(
      {
        severity: 'medium',
        message: 'purge keeps fewer tags (--keep lowered)',
        why: 'fewer of the newest tags per repository survive a purge',
      },
      before.keep > 0 ? `--keep ${before.keep}` : '(none)',
      after.keep > 0 ? `--keep ${after.keep}` : '(none)',
    );
  }
  const protectedAfter = new Set(after.filters.flatMap((f) => f.protectedTags));
  const dropped = [...new Set(before.filters.flatMap((f) => f.protectedTags))].filter(
    (t) => !protectedAfter.has(t),
  );
  if (dropped.length > 0) {
    push(
      {
        severity: 'high',
        message: 'protected tags removed from the purge',
        why: 'tags that were never purged (releases, latest) can now be deleted',
      },
      [...new Set(before.filters.flatMap((f) => f.protectedTags))].sort().join(', '),
      [...protectedAfter].sort().join(', ') || '(none)',
    );
  }
  if (after.untagged && !before.untagged) {
    push(
      {
        severity: 'low',
        message: 'purge also deletes untagged manifests (--untagged)',
        why: 'manifests pulled by digest are deleted too',
      },
      'tagged only',
      '--untagged',
    );
  }
  return out;
}
