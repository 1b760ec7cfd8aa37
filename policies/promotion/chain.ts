/**
 * The promotion chain seen across inventories: hops, each environment's registry, and every grant in
 * the estate resolved to the environment whose registry it is on.
 */
import type { RoleAbilities } from '../../constructs/model/roles';
import { listDoubt } from '../inventory/input-notes';
import type { Inventory, Registry, RoleAssignment, Setting, Unknown } from '../inventory/types';
import { isUnknown, principalKey, principalLabel } from '../inventory/types';
import type { EstateContext } from '../rules/types';

/** One hop of the chain: images move from `from` to `to`. */
export interface Hop {
  readonly from: string;
  readonly to: string;
}

/** The hops of an order, first to last. */
export function hops(order: readonly string[]): Hop[] {
  return order.slice(1).map((to, i) => ({ from: order[i], to }));
}

/** The registries of an environment (empty when the environment is not among the inputs). */
export function registriesOf(estate: EstateContext, environment: string): readonly Registry[] {
  return estate.inventories.get(environment)?.registries ?? [];
}

/** A grant anywhere in the estate, resolved to the environment of its registry. */
export interface EstateGrant {
  /** Environment whose registry the grant is on (undefined: a registry outside the estate). */
  readonly targetEnvironment?: string;
  /** Environment (stack) that declares the grant. */
  readonly declaredIn: string;
  readonly registryName: Setting<string>;
  readonly principalKey: string;
  readonly principalLabel: string;
  readonly identityName?: string;
  readonly abilities: Setting<RoleAbilities>;
  readonly grant: RoleAssignment;
}

/** Registry name (lowercased) to environment, over every inventory. */
function registryEnvironments(inventories: ReadonlyMap<string, Inventory>): Map<string, string> {
  const map = new Map<string, string>();
  for (const [environment, inventory] of inventories) {
    for (const registry of inventory.registries) {
      if (!isUnknown(registry.name)) map.set(registry.name.toLowerCase(), environment);
    }
  }
  return map;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const GRANTS = new WeakMap<EstateContext, EstateGrant[]>();

/** The grant as seen from the estate; `environments` maps lowercased registry names to environments. */
function estateGrant(
  grant: RoleAssignment,
  declaredIn: string,
  environments: Map<string, string>,
): EstateGrant {
  const out: Mutable<EstateGrant> = {
    declaredIn,
    registryName: grant.registryName,
    principalKey: principalKey(grant.principal),
    principalLabel: principalLabel(grant.principal),
    abilities: grant.role.abilities,
    grant,
  };
  // Optional keys set only when known (not spread in: thousands of grants, and spreads are slow).
  const target = isUnknown(grant.registryName)
    ? undefined
    : environments.get(grant.registryName.toLowerCase());
  if (target !== undefined) out.targetEnvironment = target;
  if (grant.principal.identityName !== undefined) out.identityName = grant.principal.identityName;
  return out;
}

/** Every grant of the estate, resolved to the environment of its registry (computed once per estate). */
export function estateGrants(estate: EstateContext): EstateGrant[] {
  const cached = GRANTS.get(estate);
  if (cached) return cached;
  const environments = registryEnvironments(estate.inventories);
  const out: EstateGrant[] = [];
  for (const [declaredIn, inventory] of [...estate.inventories].sort(([a], [b]) => a.localeCompare(b))) {
    for (const registry of inventory.registries) {
      for (const grant of registry.roleAssignments) out.push(estateGrant(grant, declaredIn, environments));
    }
    for (const grant of inventory.externalRoleAssignments)
      out.push(estateGrant(grant, declaredIn, environments));
  }
  GRANTS.set(estate, out);
  return out;
}

/** True when a grant's role gives `ability` (false when unknown). */
export function grants(grant: EstateGrant, ability: keyof RoleAbilities): boolean {
  return !isUnknown(grant.abilities) && grant.abilities[ability];
}

/**
 * Why grants on `environment`'s registry may exist that the estate does not show: a grant whose
 * registry or role is unknown, a role assignment whose registry the input does not decide, or a
 * registry of the environment whose grants are not all visible. Undefined when every grant is seen.
 */
export function grantDoubt(estate: EstateContext, environment: string): Unknown | undefined {
  for (const registry of registriesOf(estate, environment)) {
    const doubt = listDoubt(registry, 'roleAssignments');
    if (doubt) return doubt;
    if (isUnknown(registry.name)) return registry.name;
  }
  for (const inventory of estate.inventories.values()) {
    for (const u of inventory.unattached ?? []) {
      if (u.kind === 'roleAssignments' && !u.registry.decided) return u.registry.reason;
    }
  }
  for (const grant of estateGrants(estate)) {
    if (isUnknown(grant.registryName)) return grant.registryName;
    if (grant.targetEnvironment === environment && isUnknown(grant.abilities)) return grant.abilities;
    if (grant.targetEnvironment === environment && grant.grant.presence) return grant.grant.presence;
  }
  return undefined;
}

/** True when `grant` reaches `environment` with `ability` for sure (known role, certain existence). */
export function surelyGrants(grant: EstateGrant, ability: keyof RoleAbilities): boolean {
  return grants(grant, ability) && grant.grant.presence === undefined;
}
