/**
 * The promotion chain seen across inventories: hops, each environment's registry and predecessor, and
 * every grant, token, task, import and cache rule of the estate resolved to the environment whose registry it reaches, whichever stack
 * declares it and however it names the registry (reference, name, ID, a scope above it).
 */
import type { RoleAbilities } from '../../constructs/model/role-directory';
import type {
  CacheRule,
  ExternalRegistryUpdate,
  Ingest,
  Inventory,
  Registry,
  RoleAssignment,
  Setting,
  Task,
  Token,
  Unknown,
} from '../inventory/types';
import { isDeclaredToken, listDoubt, unattachedOf, withDeclaredTokens } from '../inventory/input-notes';
import { isUnknown, principalKey, principalLabel } from '../inventory/types';
import { effectiveAbilities } from '../inventory/role-refs';
import type { EstateContext, Predecessor } from '../rules/types';
import { compareCodeUnits } from '../../constructs/model/order';

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

/**
 * A grant anywhere in the estate, resolved to the environment of its registry. Every key is present
 * (undefined when not known): an estate holds thousands of grants, each built in one literal of one
 * shape rather than grown key by key.
 */
export interface EstateGrant {
  /** Environment whose registry the grant is on (undefined: a registry outside the estate). */
  readonly targetEnvironment: string | undefined;
  /** The registry of that environment the grant reaches. */
  readonly targetRegistry: Registry | undefined;
  /** Environment (stack) that declares the grant. */
  readonly declaredIn: string;
  readonly registryName: Setting<string>;
  readonly principalKey: string;
  readonly principalLabel: string;
  readonly identityName: string | undefined;
  /** What the role allows on the target registry in its mode (any mode when the target is unknown). */
  readonly abilities: Setting<RoleAbilities>;
  readonly grant: RoleAssignment;
  /** True when the grant's scope could not be resolved: it may or may not reach the target. */
  readonly uncertain: boolean;
}

/** A token or task anywhere in the estate, resolved to the environment of its registry. */
export interface EstateItem<T> {
  readonly item: T;
  /** Environment whose registry the item is on (undefined: outside the estate, or not known). */
  readonly targetEnvironment?: string;
  readonly declaredIn: string;
  readonly registryName: Setting<string>;
}

/** A registry of the estate with its environment. */
interface EstateRegistry {
  readonly environment: string;
  readonly registry: Registry;
}

/** The registries of an estate, all and by lowercased literal name. */
interface EstateRegistries {
  readonly all: readonly EstateRegistry[];
  readonly byName: ReadonlyMap<string, EstateRegistry>;
}

/** `compute`, once per estate (rules of one evaluation share the estate object). */
function oncePerEstate<T>(compute: (estate: EstateContext) => T): (estate: EstateContext) => T {
  const cache = new WeakMap<EstateContext, T>();
  return (estate) => {
    if (!cache.has(estate)) cache.set(estate, compute(estate));
    return cache.get(estate) as T;
  };
}

/** Every registry of the estate, and the ones with a literal name by lowercased name (once per estate). */
const estateRegistries: (estate: EstateContext) => EstateRegistries = oncePerEstate((estate) => {
  const all: EstateRegistry[] = [];
  const byName = new Map<string, EstateRegistry>();
  for (const [environment, inventory] of estate.inventories) {
    for (const registry of inventory.registries) {
      const entry = { environment, registry };
      all.push(entry);
      if (!isUnknown(registry.name)) byName.set(registry.name.toLowerCase(), entry);
    }
  }
  return { all, byName };
});

/**
 * `principalKey` of each principal, one string per identity name or principal ID text: thousands of
 * grants name a few principals, and the rules compare and hash these keys.
 */
class PrincipalKeys {
  private readonly byIdentity = new Map<string, string>();
  private readonly byId = new Map<string, string>();

  of(principal: RoleAssignment['principal']): string {
    const name = principal.identityName;
    if (name) return this.once(this.byIdentity, name, principal);
    return isUnknown(principal.id) ? principalKey(principal) : this.once(this.byId, principal.id, principal);
  }

  private once(map: Map<string, string>, text: string, principal: RoleAssignment['principal']): string {
    let key = map.get(text);
    if (key === undefined) {
      key = principalKey(principal);
      map.set(text, key);
    }
    return key;
  }
}

/** The grant as seen from the estate, on `target` (when the estate holds its registry). */
function estateGrant(
  grant: RoleAssignment,
  declaredIn: string,
  target: EstateRegistry | undefined,
  uncertain: boolean,
  keys: PrincipalKeys,
): EstateGrant {
  return {
    targetEnvironment: target?.environment,
    targetRegistry: target?.registry,
    declaredIn,
    registryName: target && !isUnknown(target.registry.name) ? target.registry.name : grant.registryName,
    principalKey: keys.of(grant.principal),
    principalLabel: principalLabel(grant.principal),
    identityName: grant.principal.identityName,
    abilities: target
      ? effectiveAbilities(grant.role, target.registry.roleAssignmentMode)
      : grant.role.abilities,
    grant,
    uncertain,
  };
}

/** What a grant is counted once on: the declaring stack and the target (the registry, or the name it gives). */
function countedOn(grant: EstateGrant): string {
  const target = grant.targetRegistry
    ? String(grant.targetRegistry.source.address)
    : String(grant.grant.registryName);
  return `${grant.declaredIn}\u0000${grant.targetEnvironment ?? ''}\u0000${target}`;
}

/** Lists of grants longer than this are not compared pair by pair (see `mayRepeat`). */
const SHORT_LIST = 8;

/** True when two grants of `list` have the same source (compared pair by pair: the list is short). */
function repeatsSource(list: readonly RoleAssignment[]): boolean {
  for (let i = 1; i < list.length; i += 1) {
    const a = list[i].source;
    for (let j = 0; j < i; j += 1)
      if (list[j].source.address === a.address && list[j].source.file === a.file) return true;
  }
  return false;
}

/**
 * False when no source can reach one target twice, so counting needs no map: no stack lists external
 * grants (only they reach targets by scope), each input's registries have distinct addresses
 * (ascending, as adapters list them) and no short list of grants repeats a source. True otherwise.
 */
function mayRepeat(estate: EstateContext): boolean {
  for (const inventory of estate.inventories.values()) {
    if (inventory.externalRoleAssignments.length > 0) return true;
    const registries = inventory.registries;
    for (let i = 0; i < registries.length; i += 1) {
      if (i > 0 && !(registries[i - 1].source.address < registries[i].source.address)) return true;
      const list = registries[i].roleAssignments;
      if (list.length > SHORT_LIST || repeatsSource(list)) return true;
    }
  }
  return false;
}

/**
 * The estate's grants, each source (file and address) counted once per declaring stack and target: a
 * grant above registries is attached to the ones its input manages and listed as external for the
 * others. Kept by address, the first grant of each in one map: an estate holds thousands of grants,
 * almost all of them reaching one target once, so only an address seen before builds the keys that
 * tell whether it is the same source on the same target. When no source can repeat (`mayRepeat`,
 * the usual estate) there is no map at all: hashing thousands of addresses cost more than the rest.
 */
class CountedGrants {
  readonly list: EstateGrant[] = [];
  private readonly first: Map<string, EstateGrant> | undefined;
  /** Later grants of an address seen before, on other targets. */
  private readonly more = new Map<string, EstateGrant[]>();

  constructor(mayRepeat: boolean) {
    this.first = mayRepeat ? new Map() : undefined;
  }

  /** Adds `grant` unless its source was counted on its target already. */
  add(grant: EstateGrant): void {
    if (this.first === undefined) {
      this.list.push(grant);
      return;
    }
    const source = grant.grant.source;
    const first = this.first.get(source.address);
    if (first === undefined) {
      this.first.set(source.address, grant);
    } else {
      const others = this.more.get(source.address) ?? [];
      const on = countedOn(grant);
      const same = (g: EstateGrant): boolean => g.grant.source.file === source.file && countedOn(g) === on;
      if (same(first) || others.some(same)) return;
      others.push(grant);
      this.more.set(source.address, others);
    }
    this.list.push(grant);
  }
}

/** An estate registry a grant reaches, and whether that is only possibly so. */
interface Reach {
  readonly target: EstateRegistry;
  readonly uncertain: boolean;
}

/**
 * The estate registries an external grant reaches: the named one, every one in its resource group,
 * every one for a subscription or management group (all alike), and possibly any for a scope that
 * cannot be resolved (undefined: a named registry outside the estate).
 */
function reached(grant: RoleAssignment, registries: EstateRegistries): Reach[] | undefined {
  if (!isUnknown(grant.registryName)) {
    const named = registries.byName.get(grant.registryName.toLowerCase());
    return named ? [{ target: named, uncertain: false }] : undefined;
  }
  const group = grant.scopeResourceGroup;
  if (grant.scopeKind === 'resourceGroup' && group !== undefined && !isUnknown(group)) {
    return registries.all.flatMap((target): Reach[] => {
      const own = target.registry.resourceGroupName;
      if (isUnknown(own)) return [{ target, uncertain: true }];
      return own.toLowerCase() === group.toLowerCase() ? [{ target, uncertain: false }] : [];
    });
  }
  const uncertain = grant.scopeKind === undefined || grant.scopeKind === 'resourceGroup';
  return registries.all.map((target) => ({ target, uncertain }));
}

/** Every grant of the estate, resolved to the environment of its registry (computed once per estate). */
export const estateGrants: (estate: EstateContext) => EstateGrant[] = oncePerEstate((estate) => {
  const registries = estateRegistries(estate);
  const keys = new PrincipalKeys();
  const counted = new CountedGrants(mayRepeat(estate));
  for (const [declaredIn, inventory] of [...estate.inventories].sort(([a], [b]) => compareCodeUnits(a, b))) {
    for (const registry of inventory.registries) {
      const list = registry.roleAssignments;
      if (list.length === 0) continue;
      const target = { environment: declaredIn, registry };
      for (const grant of list) counted.add(estateGrant(grant, declaredIn, target, false, keys));
    }
    for (const grant of inventory.externalRoleAssignments) {
      const reach = reached(grant, registries);
      if (reach === undefined) counted.add(estateGrant(grant, declaredIn, undefined, false, keys));
      else
        for (const { target, uncertain } of reach)
          counted.add(estateGrant(grant, declaredIn, target, uncertain, keys));
    }
  }
  return counted.list;
});

/** True when a grant's role gives `ability` on its target (false when unknown). */
export function grants(grant: EstateGrant, ability: keyof RoleAbilities): boolean {
  return !isUnknown(grant.abilities) && grant.abilities[ability];
}

function estateItems<T extends Token | Task | Ingest | CacheRule | ExternalRegistryUpdate>(
  estate: EstateContext,
  own: (registry: Registry) => readonly T[],
  external: (inventory: Inventory) => readonly (T & { readonly registryName: Setting<string> })[],
): EstateItem<T>[] {
  const registries = estateRegistries(estate);
  const out: EstateItem<T>[] = [];
  for (const [declaredIn, inventory] of [...estate.inventories].sort(([a], [b]) => compareCodeUnits(a, b))) {
    for (const registry of inventory.registries) {
      for (const item of own(registry))
        out.push({ item, declaredIn, targetEnvironment: declaredIn, registryName: registry.name });
    }
    for (const item of external(inventory)) {
      const name = item.registryName;
      const target = isUnknown(name) ? undefined : registries.byName.get(name.toLowerCase());
      out.push(
        target
          ? { item, declaredIn, targetEnvironment: target.environment, registryName: name }
          : { item, declaredIn, registryName: name },
      );
    }
  }
  return out;
}

/**
 * Every token of the estate the inputs declare, resolved to the environment of its registry
 * (password-only items stand for tokens declared elsewhere, judged there).
 */
export const estateTokens: (estate: EstateContext) => EstateItem<Token>[] = oncePerEstate((estate) =>
  estateItems(
    estate,
    (r) => withDeclaredTokens(r).tokens,
    (i) => (i.externalTokens ?? []).filter(isDeclaredToken),
  ),
);

/** Every task of the estate, resolved to the environment of its registry. */
export const estateTasks: (estate: EstateContext) => EstateItem<Task>[] = oncePerEstate((estate) =>
  estateItems(
    estate,
    (r) => r.tasks,
    (i) => i.externalTasks ?? [],
  ),
);

/** Every import of the estate (pipelines, pipeline runs, image imports), resolved to the environment of its registry. */
export const estateIngests: (estate: EstateContext) => EstateItem<Ingest>[] = oncePerEstate((estate) =>
  estateItems(
    estate,
    (r) => r.ingests,
    (i) => i.externalIngests ?? [],
  ),
);

/**
 * Every cache rule of the estate, resolved to the environment of its registry: a registry's own, and
 * those the input attaches to no registry of its own (by the ID of another stack's registry, or by
 * an ID it does not decide: their registry is then unknown).
 */
export const estateCacheRules: (estate: EstateContext) => EstateItem<CacheRule>[] = oncePerEstate((estate) =>
  estateItems(
    estate,
    (r) => r.cacheRules,
    (i) =>
      unattachedOf(i.unattached ?? [], 'cacheRules').map((u) => ({
        ...u.item,
        registryName: u.registry.decided ? u.registry.name : u.registry.reason,
      })),
  ),
);

/**
 * Every update of another stack's registry that may enable its admin user, resolved to the
 * environment of that registry (a registry's own updates are part of it).
 */
export const estateAdminUpdates: (estate: EstateContext) => EstateItem<ExternalRegistryUpdate>[] =
  oncePerEstate((estate) =>
    estateItems<ExternalRegistryUpdate>(
      estate,
      () => [],
      (i) => (i.externalRegistryUpdates ?? []).filter((u) => u.adminEnabled !== false),
    ),
  );

/** Why an input may create registries it does not show (module calls, resources whose type it does not decide). */
function hiddenRegistries(inventory: Inventory): string | undefined {
  const calls = inventory.moduleCalls ?? [];
  if (calls.length > 0)
    return `${calls.map((c) => c.source.address).join(', ')} may create registries, which are not read here (check the plan)`;
  const untyped = inventory.untypedResources?.[0];
  return untyped ? (untyped.reason.reason ?? `${untyped.source.address} may be a registry`) : undefined;
}

/**
 * Where the images of `environment` may be promoted from, in the chain `order` over the inventories
 * of the estate (see `Predecessor`).
 */
export function predecessorOf(
  order: readonly string[],
  inventories: ReadonlyMap<string, Inventory>,
  environment: string,
): Predecessor {
  const at = order.indexOf(environment);
  const chain = order.join(' -> ');
  if (at < 0)
    return {
      kind: 'unknown',
      why: `${environment} is not in the promotion order (${chain}), so which environment is promoted into it is not known`,
    };
  if (at === 0)
    return {
      kind: 'none',
      why: `${environment} is the first environment of the chain (${chain}): nothing is promoted into it`,
    };
  const from = order[at - 1];
  const inventory = inventories.get(from);
  if (!inventory)
    return {
      kind: 'unknown',
      why: `${from}, the environment promoted into ${environment}, is not among the inputs (check them together)`,
    };
  const doubt = hiddenRegistries(inventory);
  return {
    kind: 'known',
    environment: from,
    registries: inventory.registries.map((r) => r.name),
    ...(doubt === undefined ? {} : { doubt }),
  };
}

/** The hops whose target environment is among the inputs (images are promoted into `to`). */
export function promotionTargets(estate: EstateContext): Hop[] {
  return hops(estate.order).filter((hop) => registriesOf(estate, hop.to).length > 0);
}

/** An environment nothing may push into, with the environment it is promoted from (if any). */
export interface ProtectedEnvironment {
  readonly to: string;
  readonly from?: string;
}

/**
 * The environments nothing may push into: every promotion target, and the only environment of a
 * one-environment order (production, as ACR-024 holds it).
 */
export function pushProtected(estate: EstateContext): ProtectedEnvironment[] {
  if (estate.order.length === 1)
    return registriesOf(estate, estate.order[0]).length > 0 ? [{ to: estate.order[0] }] : [];
  return promotionTargets(estate);
}

/**
 * Why grants on `environment`'s registry may exist that the estate does not show: a grant whose
 * registry or role is unknown, a role assignment whose registry the input does not decide, or a
 * registry of the environment whose grants are not all visible. Undefined when every grant is seen.
 *
 * @param principal only grants that may be this principal's (its `principalKey`, or an unknown
 *   principal) count: a grant to another principal gives it nothing. @default every principal
 */
export function grantDoubt(
  estate: EstateContext,
  environment: string,
  principal?: string,
): Unknown | undefined {
  const mayBe = (key: string): boolean => principal === undefined || key === principal || key === 'unknown';
  const could = (g: RoleAssignment): boolean => mayBe(principalKey(g.principal));
  for (const registry of registriesOf(estate, environment)) {
    const doubt = listDoubt(registry, 'roleAssignments', could);
    if (doubt) return doubt;
    // A registry whose name is not known may be the one a grant on a registry outside the estate
    // (by literal name or ID) is on; with no such grant, the name changes nothing.
    if (
      isUnknown(registry.name) &&
      estateGrants(estate).some((g) => !g.targetEnvironment && mayBe(g.principalKey))
    )
      return registry.name;
  }
  // Grants of other inputs whose registry is not decided may be on this environment's registry too.
  for (const inventory of estate.inventories.values()) {
    for (const u of inventory.unattached ?? []) {
      if (u.kind === 'roleAssignments' && !u.registry.decided && could(u.item)) return u.registry.reason;
    }
  }
  for (const grant of estateGrants(estate)) {
    if (!mayBe(grant.principalKey)) continue;
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
