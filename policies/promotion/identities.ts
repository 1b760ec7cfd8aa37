/**
 * Who moves images between environments: each hop's promotion identity pulls from the source and
 * imports into the target with a role that cannot push; nobody else imports, nobody imports from a
 * skipped environment, and nothing else pushes (or imports from anywhere but the previous
 * environment's registry) into a promotion target, from any stack.
 */
import { promotionIdentityName } from '../../constructs/model/names';
import { IMPORTER_ROLE } from '../../constructs/model/roles';
import type { SourceLocation } from '../inventory/types';
import { UNKNOWN, isUnknown, principalKey } from '../inventory/types';
import type { EstateContext, EstateOutcome, EstateRule } from '../rules/types';
import type { EstateGrant, EstateItem, Hop } from './chain';
import {
  estateGrants,
  estateAdminUpdates,
  estateCacheRules,
  estateIngests,
  estateTasks,
  estateTokens,
  grantDoubt,
  grants,
  hops,
  predecessorOf,
  promotionTargets,
  registriesOf,
  surelyGrants,
} from './chain';
import type { PushVerdict } from './push-paths';
import {
  adminUserPushVerdict,
  cacheRulePushVerdict,
  grantPushVerdict,
  ingestPushVerdict,
  taskPushVerdict,
  tokenPushVerdict,
} from './push-paths';
import { pushPathsOf } from '../../constructs/model/role-directory';
import { unknownReason } from '../inventory/types';
import { registryLabel } from '../rules/outcomes';
import { networkRestricted } from '../rules/deploy';
import type { Registry, Unknown } from '../inventory/types';

/** `: <reason>`-style suffix of a doubt, for unknown outcomes. */
function because(doubt: unknown): string {
  const reason = unknownReason(doubt);
  return reason ? `: ${reason}` : ' (some grants are known only after apply)';
}

/** The principal key of a promotion identity (see `principalKey`). */
function identityKey(identity: string): string {
  return principalKey({ id: UNKNOWN, identityName: identity });
}

function anchor(estate: EstateContext, environment: string): SourceLocation | undefined {
  return registriesOf(estate, environment)[0]?.source;
}

/** Why import cannot reach a registry of a hop, or UNKNOWN when that is not known. */
type ImportBlock = { readonly message: string } | Unknown | undefined;

/**
 * Why import cannot go through a network-restricted registry: it does not let trusted Azure services
 * in (Microsoft Learn, "Import container images": import to or from a network-restricted registry
 * "requires the restricted registry to allow access by trusted services"; without it "import will
 * fail").
 */
function networkBlock(registry: Registry, environment: string): ImportBlock {
  const closed = networkRestricted(registry);
  if (closed === false || registry.trustedServices === true) return undefined;
  if (closed === undefined) return registry.trustedServices === false ? UNKNOWN : undefined;
  if (isUnknown(registry.trustedServices)) return registry.trustedServices;
  return {
    message: `${registryLabel(registry)} (${environment}) is network-restricted and does not let trusted Azure services in, so import cannot reach it`,
  };
}

/**
 * Why the registries of `environment` refuse to take part in an import as `side`: as a source, one
 * with exports disabled (Microsoft Learn, "Disable export of artifacts": with the export policy
 * disabled, ACR blocks a user's attempt to "import the registry's artifacts to another Azure container
 * registry"); either side, one network-restricted without trusted services. UNKNOWN when a setting
 * that decides it is not known; undefined when none refuses.
 */
function importBlock(estate: EstateContext, environment: string, side: 'source' | 'target'): ImportBlock {
  let doubt: Unknown | undefined;
  for (const registry of registriesOf(estate, environment)) {
    if (side === 'source' && registry.exportEnabled === false)
      return {
        message: `exports are disabled on ${registryLabel(registry)} (${environment}), so ACR refuses to import its images into another registry`,
      };
    if (side === 'source' && isUnknown(registry.exportEnabled)) doubt ??= registry.exportEnabled;
    const network = networkBlock(registry, environment);
    if (network && !isUnknown(network)) return network;
    if (network) doubt ??= network;
  }
  return doubt;
}

/**
 * ACR-102: each hop's identity can pull from the source environment (a role its mode honors), and
 * the source allows its images to be imported (exports on).
 */
export const hopPullsFromSource: EstateRule = {
  id: 'ACR-102',
  title: "Each hop's promotion identity can pull from the source, which allows export",
  severity: 'high',
  posture: 'baseline',
  rationale:
    'Promotion runs as one identity per hop that pulls from the source registry: AcrPull there, or Container Registry Repository Reader when the source is in the AbacRepositoryPermissions mode (which ignores AcrPull). Without it images cannot move. A source with exports disabled refuses every import of its images into another registry, so only the last environment may disable them; a network-restricted source must let trusted Azure services in.',
  remediation:
    'Grant the hop identity (id-promote-<from>-to-<to>) pull on the source registry with the role of its permission mode, and keep `export_policy_enabled` (declaration: `exportEnabled`) on in every environment a later one imports from.',
  references: {},
  check: (estate) => {
    const all = estateGrants(estate);
    return hops(estate.order).flatMap((hop): EstateOutcome[] => {
      const source = anchor(estate, hop.to);
      if (!source || !anchor(estate, hop.from)) return [];
      const identity = promotionIdentityName(hop.from, hop.to);
      const blocked = importBlock(estate, hop.from, 'source');
      if (blocked && !isUnknown(blocked))
        return [
          {
            result: 'fail',
            environment: hop.to,
            source,
            message: `images cannot move from ${hop.from}: ${blocked.message}`,
          },
        ];
      const ok = all.some(
        (g) => g.identityName === identity && g.targetEnvironment === hop.from && surelyGrants(g, 'pull'),
      );
      const doubt = ok ? undefined : grantDoubt(estate, hop.from, identityKey(identity));
      return [
        ok
          ? blocked
            ? {
                result: 'unknown',
                environment: hop.to,
                source,
                message: `${identity} can pull from ${hop.from}, but whether import can take images out of ${hop.from} is not known${because(blocked)}`,
              }
            : {
                result: 'pass',
                environment: hop.to,
                source,
                message: `${identity} can pull from ${hop.from}`,
              }
          : doubt
            ? {
                result: 'unknown',
                environment: hop.to,
                source,
                message: `whether ${identity} can pull from ${hop.from} is not known${because(doubt)}`,
              }
            : {
                result: 'fail',
                environment: hop.to,
                source,
                message: `${identity} cannot pull from ${hop.from} (no pull role its permission mode honors)`,
              },
      ];
    });
  },
};

/** Why the hop identity's grants on the target do not let it import (and where), or undefined when they do. */
function importProblem(
  mine: readonly EstateGrant[],
  identity: string,
  target: string,
): { message: string; source?: SourceLocation } | undefined {
  const importing = mine.filter((g) => surelyGrants(g, 'import'));
  if (importing.length === 0) return { message: `${identity} cannot import into ${target}` };
  // `az acr import` reads the registry first; the read may come from another of its grants.
  if (!mine.some((g) => surelyGrants(g, 'readRegistry')))
    return {
      message: `${identity} holds the import action on ${target} without Microsoft.ContainerRegistry/registries/read, so az acr import fails (use ${IMPORTER_ROLE})`,
      source: importing[0].grant.source,
    };
  return undefined;
}

/** ACR-103: each hop's identity can import into the target environment and cannot push there. */
export const hopImportsIntoTarget: EstateRule = {
  id: 'ACR-103',
  title: "Each hop's promotion identity can import into the target, and cannot push",
  severity: 'high',
  posture: 'baseline',
  rationale: `Promotion imports with \`az acr import\`, which needs the import action and \`registries/read\` on the target: ${IMPORTER_ROLE} (or a custom role with both). A role that can push would let the promotion identity bypass import. A network-restricted target must let trusted Azure services in, or import cannot reach it.`,
  remediation: `Grant the hop identity ${IMPORTER_ROLE} on the target registry (declaration default), or a custom role holding Microsoft.ContainerRegistry/registries/read and .../importImage/action, and nothing that can push; keep \`network_rule_bypass_option = "AzureServices"\` (declaration: \`bypassAzureServices\`) on a network-restricted target.`,
  references: {},
  check: (estate) => {
    const all = estateGrants(estate);
    return hops(estate.order).flatMap((hop): EstateOutcome[] => {
      const source = anchor(estate, hop.to);
      if (!source || !anchor(estate, hop.from)) return [];
      const identity = promotionIdentityName(hop.from, hop.to);
      const mine = all.filter((g) => g.identityName === identity && g.targetEnvironment === hop.to);
      const outcomes: EstateOutcome[] = [];
      const problem = importProblem(mine, identity, hop.to);
      const doubt = problem ? grantDoubt(estate, hop.to, identityKey(identity)) : undefined;
      if (problem && doubt)
        outcomes.push({
          result: 'unknown',
          environment: hop.to,
          source,
          message: `whether ${identity} can import into ${hop.to} is not known${because(doubt)}`,
        });
      else if (problem)
        outcomes.push({
          result: 'fail',
          environment: hop.to,
          source: problem.source ?? source,
          message: problem.message,
        });
      for (const g of mine) {
        const abilities = g.grant.role.abilities;
        if (isUnknown(abilities)) continue;
        // Any mode: a grant dormant in this mode wakes when the mode changes.
        const paths = pushPathsOf(abilities);
        if (paths.length > 0)
          outcomes.push({
            result: 'fail',
            environment: hop.to,
            source: g.grant.source,
            message: `${identity} can push into ${hop.to} (${String(g.grant.role.name)}: ${paths.join(', ')}): it must only import`,
          });
      }
      const blocked = importBlock(estate, hop.to, 'target');
      if (blocked && !isUnknown(blocked))
        outcomes.push({
          result: 'fail',
          environment: hop.to,
          source,
          message: `images cannot move into ${hop.to}: ${blocked.message}`,
        });
      else if (blocked && outcomes.length === 0)
        outcomes.push({
          result: 'unknown',
          environment: hop.to,
          source,
          message: `${identity} can import into ${hop.to}, but whether import can reach ${hop.to} is not known${because(blocked)}`,
        });
      if (outcomes.length === 0)
        outcomes.push({
          result: 'pass',
          environment: hop.to,
          source,
          message: `${identity} can import into ${hop.to} and cannot push there`,
        });
      return outcomes;
    });
  },
};

function importViolations(
  estate: EstateContext,
  all: readonly EstateGrant[],
  env: string,
  previous: string,
  source: SourceLocation,
): EstateOutcome[] {
  const importers = all.filter(
    (g) => g.targetEnvironment === env && (grants(g, 'import') || isUnknown(g.abilities)),
  );
  const hopIdentity = promotionIdentityName(previous, env);
  const outcomes: EstateOutcome[] = [];
  const seen = new Set<string>();
  // Each principal is judged once, by a grant that surely reaches env when it has one: a grant whose
  // scope the input does not decide must not hide a decided one.
  const decidedFirst = [...importers.filter((g) => !g.uncertain), ...importers.filter((g) => g.uncertain)];
  for (const grant of decidedFirst) {
    if (seen.has(grant.principalKey)) continue;
    seen.add(grant.principalKey);
    const at = grant.grant.source;
    if (isUnknown(grant.abilities)) {
      outcomes.push({
        result: 'unknown',
        environment: env,
        source: at,
        message: `the role of ${grant.principalLabel} on ${env} cannot be resolved`,
      });
      continue;
    }
    // A grant whose scope the input does not decide may or may not reach env: never a fail on it.
    const may = grant.uncertain ? 'may' : 'can';
    const result = grant.uncertain ? 'unknown' : 'fail';
    const why = unknownReason(grant.registryName);
    const unsure = grant.uncertain ? ` (its scope is not decided by the input${why ? `: ${why}` : ''})` : '';
    if (grant.identityName !== hopIdentity) {
      outcomes.push({
        result,
        environment: env,
        source: at,
        message: `${grant.principalLabel} ${may} import into ${env} but only ${hopIdentity} (from ${previous}) may${unsure}`,
      });
    }
    const pulls = all.filter(
      (g) =>
        g.principalKey === grant.principalKey &&
        grants(g, 'pull') &&
        g.targetEnvironment !== undefined &&
        g.targetEnvironment !== previous &&
        g.targetEnvironment !== env &&
        estate.order.includes(g.targetEnvironment),
    );
    for (const other of [...new Set(pulls.map((g) => g.targetEnvironment as string))].sort()) {
      // Certain only when both the import and a pull from `other` are.
      const certain = !grant.uncertain && pulls.some((g) => g.targetEnvironment === other && !g.uncertain);
      outcomes.push({
        result: certain ? 'fail' : 'unknown',
        environment: env,
        source: at,
        message: `${grant.principalLabel} ${certain ? 'can' : 'may'} import into ${env} and pull from ${other}: ${env} ${certain ? 'can' : 'may'} import straight from ${other}, skipping ${previous}${certain ? '' : ' (a grant of it has a scope the input does not decide)'}`,
      });
    }
  }
  const doubt = outcomes.length === 0 ? grantDoubt(estate, env) : undefined;
  if (doubt)
    outcomes.push({
      result: 'unknown',
      environment: env,
      source,
      message: `who can import into ${env} is not fully known${because(doubt)}`,
    });
  else if (outcomes.length === 0)
    outcomes.push({
      result: 'pass',
      environment: env,
      source,
      message: `only ${hopIdentity} can import into ${env}, from ${previous}`,
    });
  return outcomes;
}

/** ACR-104: nothing imports into an environment from anything but its predecessor. */
export const importOnlyFromPredecessor: EstateRule = {
  id: 'ACR-104',
  title: 'Images are imported only from the previous environment',
  severity: 'critical',
  posture: 'baseline',
  rationale: 'An identity that can import into prod and pull from dev lets untested images skip staging.',
  remediation:
    'Give import rights on each registry only to the hop identity from its predecessor, and give that identity pull only on the predecessor.',
  references: {},
  check: (estate) => {
    const all = estateGrants(estate);
    return hops(estate.order).flatMap((hop) => {
      const source = anchor(estate, hop.to);
      return source ? importViolations(estate, all, hop.to, hop.from, source) : [];
    });
  },
};

/**
 * The items of every stack aimed at a promotion target, with their verdicts. The last environment's
 * own items are left to ACR-024 (the production rule judges them on the registry).
 */
function targetVerdicts(
  estate: EstateContext,
  hop: Hop,
): { verdict: PushVerdict; source: SourceLocation; declaredIn: string; admin?: true }[] {
  const last = estate.order[estate.order.length - 1];
  const registry = registriesOf(estate, hop.to)[0];
  const mode = registry?.roleAssignmentMode ?? 'LegacyRegistryPermissions';
  const hopIdentity = promotionIdentityName(hop.from, hop.to);
  const predecessor = predecessorOf(estate.order, estate.inventories, hop.to);
  const judged = (declaredIn: string): boolean => !(hop.to === last && declaredIn === hop.to);
  const aimed = <T>(items: readonly EstateItem<T>[]): EstateItem<T>[] =>
    items.filter((i) => i.targetEnvironment === hop.to && judged(i.declaredIn));
  return [
    // The target's own admin users push with shared credentials (the last environment's: ACR-024).
    ...(judged(hop.to) ? registriesOf(estate, hop.to) : []).map((r) => ({
      verdict: adminUserPushVerdict(r.adminEnabled, registryLabel(r)),
      source: r.source,
      declaredIn: hop.to,
      admin: true as const,
    })),
    // Another stack's update may enable it.
    ...aimed(estateAdminUpdates(estate)).map((u) => ({
      verdict: adminUserPushVerdict(
        u.item.adminEnabled,
        typeof u.registryName === 'string' ? u.registryName : hop.to,
        u.item.source.address,
      ),
      source: u.item.source,
      declaredIn: u.declaredIn,
      admin: true as const,
    })),
    ...estateGrants(estate)
      .filter((g) => g.targetEnvironment === hop.to && judged(g.declaredIn) && g.uncertain !== true)
      .map((g) => ({
        verdict: grantPushVerdict(g.grant, hop.to, mode, hopIdentity),
        source: g.grant.source,
        declaredIn: g.declaredIn,
      })),
    ...aimed(estateTokens(estate)).map((t) => ({
      verdict: tokenPushVerdict(t.item),
      source: t.item.source,
      declaredIn: t.declaredIn,
    })),
    ...aimed(estateTasks(estate)).map((t) => ({
      verdict: taskPushVerdict(t.item),
      source: t.item.source,
      declaredIn: t.declaredIn,
    })),
    // An import is promotion only from the registry of the hop's source environment.
    ...aimed(estateIngests(estate)).map((i) => ({
      verdict: ingestPushVerdict(i.item, i.registryName, predecessor),
      source: i.item.source,
      declaredIn: i.declaredIn,
    })),
    ...aimed(estateCacheRules(estate)).map((c) => ({
      verdict: cacheRulePushVerdict(c.item),
      source: c.item.source,
      declaredIn: c.declaredIn,
    })),
  ];
}

/** ACR-105: nothing but promotion pushes into a promotion target, from any stack. */
export const noPushIntoTargets: EstateRule = {
  id: 'ACR-105',
  title: 'Nothing but promotion pushes into a promotion target, from any stack',
  severity: 'critical',
  posture: 'baseline',
  rationale:
    "Images enter every environment after the first only by import from the one before. A push-capable grant (by role name or ID, at the registry, its resource group, the subscription or a management group), a push-capable token, a task that pushes, a role that can create tasks, tokens or role assignments, or an import from anything but the previous environment's registry (an ACR Transfer import pipeline or pipeline run, which imports blobs from storage; an `importImage` action from docker.io, another registry or one the estate does not know), a cache rule (it fills its repository from its upstream as clients pull, even from the previous environment's registry), a connected registry in ReadWrite mode (it syncs into the registry what clients push to it on premises), or the target's admin user (its shared credentials have full permissions to the registry) lets untested images in, and a stack other than the target one (dev granting CI push on prod by name or ID) is invisible to a per-stack check. Only the promotion identity and the signing identity are exempt, by name, and an image import from the previous environment's registry.",
  remediation:
    "Disable the target's admin user; remove the grant, token, task, import or cache rule from the stack that declares it (keep the pull-through cache in the first environment), and make connected registries of a promotion target `ReadOnly`; grant the promotion identity only the importer role and the signing identity only signature push (limited to the signed repositories in the ABAC mode); import only from the previous environment's registry.",
  references: {},
  check: (estate) =>
    promotionTargets(estate).flatMap((hop): EstateOutcome[] => {
      const source = anchor(estate, hop.to);
      if (!source) return [];
      const verdicts = targetVerdicts(estate, hop);
      const fails = verdicts.filter((v) => v.verdict.kind === 'push');
      const unknowns = verdicts.filter((v) => v.verdict.kind === 'unknown');
      const admins = unknowns.filter((v) => v.admin === true);
      const unread = unknowns.length - admins.length;
      if (fails.length === 0 && unknowns.length > 0) {
        const items =
          unread === 0
            ? []
            : [
                `${unread} grant${unread === 1 ? '' : 's'}, token${unread === 1 ? '' : 's'}, task${unread === 1 ? '' : 's'}, import${unread === 1 ? '' : 's'} or cache rule${unread === 1 ? '' : 's'} cannot be read (ACR-120 to ACR-124 fail them)`,
              ];
        const adminDoubt = admins.map((v) => (v.verdict.kind === 'unknown' ? v.verdict.reason : ''));
        return [
          {
            result: 'unknown',
            environment: hop.to,
            source,
            message: `whether anything but promotion can push into ${hop.to} is not known: ${[...items, ...adminDoubt].join('; ')}`,
          },
        ];
      }
      if (fails.length === 0)
        return [
          {
            result: 'pass',
            environment: hop.to,
            source,
            // The last environment's own items are ACR-024's (see targetVerdicts): the pass says so.
            message:
              hop.to === estate.order[estate.order.length - 1]
                ? `nothing but promotion can push into ${hop.to} from another stack (its own admin user, grants, tokens, tasks, imports and cache rules: ACR-024)`
                : `nothing but promotion can push into ${hop.to}`,
          },
        ];
      return fails.map((v) => ({
        result: 'fail' as const,
        environment: hop.to,
        source: v.source,
        message: `${v.declaredIn} lets an image into ${hop.to} past promotion: ${v.verdict.kind === 'push' ? v.verdict.reason : ''}`,
      }));
    }),
};

/** Rules of this file. */
export const IDENTITY_RULES: readonly EstateRule[] = [
  hopPullsFromSource,
  hopImportsIntoTarget,
  importOnlyFromPredecessor,
  noPushIntoTargets,
];
