/**
 * Who moves images between environments: each hop's promotion identity pulls from the source and
 * imports into the target; nobody else imports, nobody imports from a skipped environment, and nothing
 * but promotion pushes into the last environment.
 */
import { promotionIdentityName } from '../../constructs/model/names';
import type { SourceLocation } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import type { EstateContext, EstateOutcome, EstateRule } from '../rules/types';
import { unknownReason } from '../inventory/types';
import type { EstateGrant } from './chain';
import { estateGrants, grantDoubt, grants, hops, registriesOf, surelyGrants } from './chain';

/** ` (<reason>)`-style suffix of a doubt, for unknown outcomes. */
function because(doubt: unknown): string {
  const reason = unknownReason(doubt);
  return reason ? `: ${reason}` : ' (some grants are known only after apply)';
}

function anchor(estate: EstateContext, environment: string): SourceLocation | undefined {
  return registriesOf(estate, environment)[0]?.source;
}

function hopIdentityRule(
  id: string,
  title: string,
  ability: 'pull' | 'import',
  side: 'from' | 'to',
): EstateRule {
  const verb = ability === 'pull' ? 'pull from' : 'import into';
  return {
    id,
    title,
    severity: 'high',
    posture: 'baseline',
    rationale: `Promotion runs as one identity per hop that can ${verb} the ${side === 'from' ? 'source' : 'target'} registry (a custom role with Microsoft.ContainerRegistry/registries/importImage/action on the target, AcrPull on the source); without it images cannot move.`,
    remediation: `Grant the hop identity (id-promote-<from>-to-<to>) ${ability === 'pull' ? 'AcrPull on the source registry' : 'the importer role on the target registry'}.`,
    references: {},
    check: (estate) => {
      const all = estateGrants(estate);
      return hops(estate.order).flatMap((hop): EstateOutcome[] => {
        const source = anchor(estate, hop.to);
        if (!source || !anchor(estate, hop.from)) return [];
        const identity = promotionIdentityName(hop.from, hop.to);
        const env = hop[side];
        const ok = all.some(
          (g) => g.identityName === identity && g.targetEnvironment === env && surelyGrants(g, ability),
        );
        if (ok)
          return [{ result: 'pass', environment: hop.to, source, message: `${identity} can ${verb} ${env}` }];
        const doubt = grantDoubt(estate, env);
        return [
          doubt
            ? {
                result: 'unknown',
                environment: hop.to,
                source,
                message: `whether ${identity} can ${verb} ${env} is not known${because(doubt)}`,
              }
            : { result: 'fail', environment: hop.to, source, message: `${identity} cannot ${verb} ${env}` },
        ];
      });
    },
  };
}

/** ACR-102: each hop's identity can pull from the source environment. */
export const hopPullsFromSource = hopIdentityRule(
  'ACR-102',
  "Each hop's promotion identity can pull from the source",
  'pull',
  'from',
);

/** ACR-103: each hop's identity can import into the target environment. */
export const hopImportsIntoTarget = hopIdentityRule(
  'ACR-103',
  "Each hop's promotion identity can import into the target",
  'import',
  'to',
);

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
  for (const grant of importers) {
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
    if (grant.identityName !== hopIdentity) {
      outcomes.push({
        result: 'fail',
        environment: env,
        source: at,
        message: `${grant.principalLabel} can import into ${env} but only ${hopIdentity} (from ${previous}) may`,
      });
    }
    const pullsFrom = all
      .filter(
        (g) =>
          g.principalKey === grant.principalKey && grants(g, 'pull') && g.targetEnvironment !== undefined,
      )
      .map((g) => g.targetEnvironment as string)
      .filter((other) => other !== previous && other !== env && estate.order.includes(other));
    for (const other of [...new Set(pullsFrom)].sort()) {
      outcomes.push({
        result: 'fail',
        environment: env,
        source: at,
        message: `${grant.principalLabel} can import into ${env} and pull from ${other}: ${env} can import straight from ${other}, skipping ${previous}`,
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

/** ACR-105: no stack grants push on the last environment's registry. */
export const noPushIntoLast: EstateRule = {
  id: 'ACR-105',
  title: 'No environment grants push into production',
  severity: 'critical',
  posture: 'baseline',
  rationale:
    'Nothing but promotion may bring images into the last environment. A push grant declared in another stack (e.g. dev granting CI AcrPush on the prod registry by name) is invisible to a per-stack check.',
  remediation:
    'Remove push-capable grants (AcrPush, Owner, Contributor) on the production registry from every stack.',
  references: {},
  check: (estate) => {
    const last = estate.order[estate.order.length - 1];
    const source = last === undefined ? undefined : anchor(estate, last);
    if (!last || !source) return [];
    const pushers = estateGrants(estate).filter(
      (g) => g.targetEnvironment === last && g.declaredIn !== last && grants(g, 'push'),
    );
    const doubt = pushers.length === 0 ? grantDoubt(estate, last) : undefined;
    if (doubt)
      return [
        {
          result: 'unknown',
          environment: last,
          source,
          message: `whether another stack grants push into ${last} is not known${because(doubt)}`,
        },
      ];
    if (pushers.length === 0)
      return [
        { result: 'pass', environment: last, source, message: `no other stack grants push into ${last}` },
      ];
    return pushers.map((g) => ({
      result: 'fail' as const,
      environment: last,
      source: g.grant.source,
      message: `${g.declaredIn} grants ${g.principalLabel} push into ${last}`,
    }));
  },
};

/** Rules of this file. */
export const IDENTITY_RULES: readonly EstateRule[] = [
  hopPullsFromSource,
  hopImportsIntoTarget,
  importOnlyFromPredecessor,
  noPushIntoLast,
];
