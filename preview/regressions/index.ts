/**
 * Protection regressions: what a change weakens, read from its before and after values (not from the
 * head alone, which policy judges). Each entry names the old and the new value and why it matters:
 * retention shortened or off; an `acr purge` that deletes more (a wider filter, a shorter `--ago`, a
 * lower `--keep`, protected tags dropped, a new purge); quarantine off, its scanner webhook or release
 * grant (AcrQuarantineWriter) removed, the scanner webhook's scope narrowed; public network access, the
 * admin user, anonymous pull or export turned on, network rules opened, a promotion target's webhook
 * moved from https; a push-capable grant or token added to a promotion target, or a disabled one
 * re-enabled; a promotion hop removed. Lock and destroy-protection removal are in `danger.ts`.
 */
import type { ChangeSet, ResourceChange } from '../changes';
import { changeKind } from '../resource-kinds';
import type { Context } from './context';
import { existsBefore } from './context';
import { grantRegressions, roleDefinitionRegressions } from './grants';
import { purgeRegressions, unmatchedPurges } from './purges';
import { registryRegressions } from './settings';
import { tokenRegressions } from './tokens';
import type { Regression, RegressionOptions } from './types';
import { REGRESSION_SEVERITIES } from './types';
import { webhookRegressions } from './webhooks';

export * from './types';

/** The regressions of one change set, by resource address (sorted by severity within a resource). */
export function findRegressions(
  changeSet: ChangeSet,
  options: RegressionOptions = {},
): Map<string, Regression[]> {
  const target = (options.order?.indexOf(changeSet.stack) ?? -1) > 0;
  const context: Context = { set: changeSet, target, byAddress: addressIndex(changeSet) };
  const out = new Map<string, Regression[]>();
  const renamedPurges = unmatchedPurges(changeSet, 'delete');
  // A purge added with its registry deletes nothing that existed: only judge stacks with a registry.
  const existing = changeSet.resources.some((r) => changeKind(r) === 'registry' && existsBefore(r));
  for (const resource of changeSet.resources) {
    const found = [
      ...registryRegressions(resource),
      ...(existing ? purgeRegressions(resource, renamedPurges) : []),
      ...webhookRegressions(resource, context),
      ...grantRegressions(resource, context),
      ...tokenRegressions(resource, context),
      ...roleDefinitionRegressions(resource),
    ].sort((a, b) => REGRESSION_SEVERITIES.indexOf(a.severity) - REGRESSION_SEVERITIES.indexOf(b.severity));
    if (found.length > 0) out.set(resource.address, found);
  }
  return out;
}

function addressIndex(set: ChangeSet): Map<string, ResourceChange> {
  return new Map(set.resources.map((r) => [r.address, r]));
}
