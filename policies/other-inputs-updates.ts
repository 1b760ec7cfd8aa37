/**
 * Registry settings that another input writes: an `azapi_update_resource` of one stack that names
 * another stack's registry by its ID (`ExternalRegistryUpdate`). Each stack's apply writes its own
 * value, the registry's azurerm resource on one side and the update's body on the other (azapi
 * "update_resource" merges its body into the resource and writes it back; azurerm sets its
 * attributes back to the configuration when it next applies), so after both stacks are deployed the
 * setting is whichever applied last. Where the two agree, nothing changes; where they differ, the
 * setting is UNKNOWN, naming both, so that no rule passes or fails on one of them (checking both
 * plans, or keeping one writer, decides it). What an update may write (it may not exist, its body
 * cannot be read) is UNKNOWN with its reason. Zone redundancy is fixed once a registry exists
 * (constructs/model/arm-update-limits.ts): another value there is UNKNOWN for that reason. Pure.
 */
import { ARM_REGISTRY_TYPE } from '../constructs/model/arm-properties';
import { FIXED_ARM_PROPERTIES } from '../constructs/model/arm-update-limits';
import { compareCodeUnits } from '../constructs/model/order';
import type { ExternalRegistryUpdate, Inventory, Registry } from './inventory/types';
import { isUnknown, unknownBecause, unknownReason } from './inventory/types';

/** One update of a registry, with the environment of the input that declares it. */
interface DeclaredUpdate {
  readonly update: ExternalRegistryUpdate;
  readonly declaredIn: string;
}

/** A setting's value as a reason shows it. */
function shown(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** True when two values of a setting are the same (settings are plain data). */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** What `registry`'s `key` is once `declared` writes `value` there, against the registry's own value. */
function weighed(registry: Registry, key: string, value: unknown, declared: DeclaredUpdate): unknown {
  const own = (registry as unknown as Record<string, unknown>)[key];
  const { update, declaredIn } = declared;
  const by = `${update.source.address} (${declaredIn}, ${update.source.file})`;
  if (isUnknown(value)) {
    const why = unknownReason(value);
    return unknownBecause(`${by} may write it${why ? `: ${why}` : ', with a value known only after apply'}`);
  }
  if (sameValue(own, value)) return own;
  const fixed = FIXED_ARM_PROPERTIES[ARM_REGISTRY_TYPE.toLowerCase()][key];
  if (fixed !== undefined) return unknownBecause(`${by} writes ${shown(value)}, but ${fixed}`);
  return unknownBecause(
    `${by} writes ${shown(value)} where ${isUnknown(registry.name) ? registry.source.address : registry.name} has ${shown(own)}: which holds depends on which stack applies last (keep one writer)`,
  );
}

/** `registry` with what other inputs' updates write weighed against its own settings. */
function withUpdates(registry: Registry, updates: readonly DeclaredUpdate[]): Registry {
  const out: Record<string, unknown> = { ...registry };
  for (const declared of updates) {
    for (const [key, value] of Object.entries(declared.update.sets)) {
      // Unknown already (its own, or from an update before): it stays so, with its first reason.
      if (isUnknown(out[key])) continue;
      out[key] = weighed(registry, key, value, declared);
    }
  }
  return out as unknown as Registry;
}

/**
 * The inventories by environment with every registry that another input updates (by a literal
 * registry ID) weighed against those updates; `byEnv` itself when no input updates another's
 * registry (the usual case: no copy).
 */
export function withOtherInputsUpdates(
  byEnv: ReadonlyMap<string, Inventory>,
): ReadonlyMap<string, Inventory> {
  // The usual case: no input updates another's registry, and nothing is looked up.
  if (![...byEnv.values()].some((i) => (i.externalRegistryUpdates ?? []).length > 0)) return byEnv;
  const byName = new Map<string, Registry>();
  for (const inventory of byEnv.values())
    for (const registry of inventory.registries)
      if (!isUnknown(registry.name)) byName.set(registry.name.toLowerCase(), registry);
  const byRegistry = new Map<Registry, DeclaredUpdate[]>();
  const environments = [...byEnv.keys()].sort(compareCodeUnits);
  for (const declaredIn of environments) {
    for (const update of byEnv.get(declaredIn)?.externalRegistryUpdates ?? []) {
      const target = isUnknown(update.registryName)
        ? undefined
        : byName.get(update.registryName.toLowerCase());
      if (target === undefined) continue;
      const list = byRegistry.get(target) ?? [];
      list.push({ update, declaredIn });
      byRegistry.set(target, list);
    }
  }
  if (byRegistry.size === 0) return byEnv;
  const out = new Map<string, Inventory>();
  for (const [environment, inventory] of byEnv) {
    const touched = inventory.registries.some((r) => byRegistry.has(r));
    out.set(
      environment,
      touched
        ? {
            ...inventory,
            registries: inventory.registries.map((r) => {
              const updates = byRegistry.get(r);
              return updates ? withUpdates(r, updates) : r;
            }),
          }
        : inventory,
    );
  }
  return out;
}
