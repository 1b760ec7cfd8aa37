/**
 * A normalized projection of an inventory for parity checks: everything a rule can judge (registries,
 * replicas, network posture, grants, tokens, webhooks, tasks, protections), without source locations
 * and engine-specific identifiers, sorted.
 */
import type { Inventory, RoleAssignment, Setting } from '../../policies/inventory/types';
import { isUnknown, principalKey } from '../../policies/inventory/types';

function show<T>(value: Setting<T>): T | '(unknown)' {
  return isUnknown(value) ? '(unknown)' : value;
}

function sorted<T>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function grant(ra: RoleAssignment): unknown {
  return {
    registry: show(ra.registryName),
    role: show(ra.role.name),
    roleId: ra.role.builtInId,
    condition: ra.condition === undefined ? undefined : show(ra.condition),
    scopeKind: ra.scopeKind,
    actions: [...ra.role.actions].sort(),
    abilities: show(ra.role.abilities),
    principal: principalKey(ra.principal),
    principalType: ra.principal.type === undefined ? undefined : show(ra.principal.type),
    description: ra.description,
  };
}

/** The comparable content of an inventory. */
export function project(inventory: Inventory): unknown {
  return {
    environment: inventory.environment,
    registries: inventory.registries.map((r) => ({
      name: show(r.name),
      sku: show(r.sku),
      roleAssignmentMode: show(r.roleAssignmentMode),
      location: show(r.location),
      settings: Object.fromEntries(
        (
          [
            'adminEnabled',
            'anonymousPull',
            'publicNetworkAccess',
            'networkRuleSet',
            'networkDefaultAction',
            'ipRanges',
            'zoneRedundancy',
            'dataEndpoints',
            'quarantine',
            'trustPolicy',
            'exportEnabled',
            'retentionDays',
            'customerManagedKey',
            'preventDestroy',
            'armAudienceTokens',
            'softDeleteDays',
            'taskNetworkBypass',
            'roleAssignmentMode',
          ] as const
        ).map((key) => [key, show(r[key] as Setting<unknown>)]),
      ),
      replicas: r.replicas.map((x) => ({
        location: show(x.location),
        zoneRedundancy: show(x.zoneRedundancy),
        regionalEndpoint: show(x.regionalEndpoint),
      })),
      privateEndpoints: sorted(
        r.privateEndpoints.map((pe) => ({
          name: show(pe.name),
          subnetId: show(pe.subnetId),
          subresources: show(pe.subresources),
          dnsZones: pe.dnsZones.map((z) => ({
            name: show(z.name),
            managedHere: z.managedHere,
            vnetLinks: sorted(
              z.vnetLinks.map((l) => ({ name: show(l.name), virtualNetworkId: show(l.virtualNetworkId) })),
            ),
          })),
        })),
      ),
      roleAssignments: sorted(r.roleAssignments.map(grant)),
      scopeMaps: sorted(r.scopeMaps.map((m) => ({ name: show(m.name), actions: show(m.actions) }))),
      tokens: sorted(
        r.tokens.map((t) => ({
          name: show(t.name),
          enabled: show(t.enabled),
          scopeMapName: show(t.scopeMapName),
          actions: show(t.actions),
          passwordsExpire: t.passwords.map((p) => show(p.expires)),
        })),
      ),
      webhooks: sorted(
        r.webhooks.map((w) => ({
          name: show(w.name),
          location: show(w.location),
          serviceUri: show(w.serviceUri),
          actions: show(w.actions),
          scope: show(w.scope),
          enabled: show(w.enabled),
        })),
      ),
      tasks: sorted(
        r.tasks.map((t) => ({
          name: show(t.name),
          kind: t.kind,
          enabled: show(t.enabled),
          agentPool: show(t.agentPool),
          systemIdentity: show(t.systemIdentity),
          canPush: show(t.canPush),
        })),
      ),
      agentPools: sorted(
        r.agentPools.map((p) => ({
          name: show(p.name),
          subnetId: show(p.subnetId),
          tier: show(p.tier),
          count: show(p.count),
        })),
      ),
      credentialSets: sorted(
        r.credentialSets.map((c) => ({
          name: show(c.name),
          loginServer: show(c.loginServer),
          usernameSecretId: show(c.usernameSecretId),
          passwordSecretId: show(c.passwordSecretId),
        })),
      ),
      cacheRules: sorted(
        r.cacheRules.map((c) => ({
          name: show(c.name),
          upstream: show(c.upstream),
          targetRepository: show(c.targetRepository),
          credentialSet: show(c.credentialSet),
        })),
      ),
      diagnostics: sorted(
        r.diagnostics.map((d) => ({
          name: show(d.name),
          logCategories: show(d.logCategories),
          hasDestination: show(d.hasDestination),
          categoryGroups: show(d.categoryGroups),
        })),
      ),
      locks: sorted(r.locks.map((l) => ({ name: show(l.name), level: show(l.level) }))),
    })),
    externalRoleAssignments: sorted(inventory.externalRoleAssignments.map(grant)),
    identities: sorted(inventory.identities.map((i) => show(i.name))),
  };
}
