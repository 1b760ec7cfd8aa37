/**
 * The short per-environment summary `acr-iac synth` prints.
 */
import type { ResolvedEnvironment, ResolvedEstate } from '../constructs/model/resolve';
import { loginServer } from '../constructs/model/names';

function onOff(value: boolean): string {
  return value ? 'on' : 'off';
}

/** One block of text per environment: registry, tier, regions, endpoints, grants, protection. */
export function summarizeEnvironment(env: ResolvedEnvironment): string {
  const r = env.registry;
  const regions = [r.location, ...r.replicas.map((x) => x.location)].join(', ');
  const grants = r.roleAssignments.map(
    (g) =>
      `${g.role}${g.repositories ? ` [${g.repositories.join(', ')}]` : ''} -> ${g.description ?? g.principalId}`,
  );
  if (env.promotion)
    grants.push(`import from ${env.promotion.fromEnvironment} -> ${env.promotion.identityName}`);
  if (r.signing) grants.push(`Notation signing -> ${r.signing.identityName}`);
  const lines = [
    `${env.name}: ${r.name} (${r.sku}) ${loginServer(r.name)}  [${env.enforcement}]` +
      (r.roleAssignmentMode === 'AbacRepositoryPermissions' ? '  [ABAC repository permissions]' : ''),
    `  regions:    ${regions}${r.replicas.length ? ` (${r.replicas.length} geo-replicas)` : ''}`,
    `  network:    public access ${onOff(r.publicNetworkAccess)}, ${r.privateEndpoints.length} private endpoint(s)` +
      (r.privateDns
        ? `, DNS ${r.privateDns.existingZoneId ? 'existing zone' : 'new zone'} with ${r.privateDns.vnetLinks.length} VNet link(s)`
        : ''),
    `  grants:     ${grants.length ? grants.join('; ') : 'none'}`,
    `  tokens:     ${r.tokens.length ? r.tokens.map((t) => `${t.name} (${t.passwordLifetimeDays ? `${t.passwordLifetimeDays}d` : 'no expiry'})`).join(', ') : 'none'}`,
    `  automation: ${r.tasks.length} build task(s), ${r.purges.length} purge schedule(s), ${r.webhooks.length} webhook(s)`,
    `  controls:   quarantine ${onOff(r.quarantine)}, retention ${r.retentionDays ? `${r.retentionDays}d` : 'off'}, export ${onOff(r.exportEnabled)}, data endpoints ${onOff(r.dataEndpoints)}, diagnostics ${onOff(r.diagnostics !== undefined)}, lock ${onOff(r.lock)}, destroy protection ${onOff(r.preventDestroy)}`,
  ];
  return lines.join('\n');
}

/** The summary of a whole estate. */
export function summarizeEstate(estate: ResolvedEstate): string {
  return `${estate.environments.map(summarizeEnvironment).join('\n\n')}\n`;
}
