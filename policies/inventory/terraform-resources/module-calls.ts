/**
 * Module calls of a Terraform input and what they leave open: the registries each call is given (by
 * reference, literal name or literal ID), which makes the attachments of those registries incomplete
 * (a module given a registry may attach anything to it, read only in the plan), and the lists a
 * `dynamic` block over an unknown collection hides.
 */
import type { ModuleCall } from '../input-notes';
import type { AttachmentKind, Registry, Unknown } from '../types';
import { ATTACHMENT_KINDS, isUnknown, unknownBecause } from '../types';
import type { ResourceIndex } from './links';
import type { RawModuleCall, RawResource } from './raw';
import { parseReference } from './raw';
import { REGISTRY_IN_ID_PATTERN } from '../../../constructs/model/azure-ids';

/** The registry part of a registry's or its child's ID. */
const REGISTRY_ID = REGISTRY_IN_ID_PATTERN;

/** The registry addresses a module call is given, by reference, literal name or literal ID. */
function registriesGiven(index: ResourceIndex, value: unknown, out: Set<string>, depth = 0): void {
  if (depth > 32) return;
  if (typeof value === 'string') {
    const ref = parseReference(value);
    if (ref) {
      const target = index.registryFromId(`\${${ref.address}.id}`);
      if (target?.kind === 'managed') for (const a of target.addresses) out.add(a);
      return;
    }
    const byId = REGISTRY_ID.exec(value);
    // A child's ID (`.../registries/acr/scopeMaps/pull`) gives the module its registry too: the
    // registry's ID is the part up to the name.
    const target = byId
      ? index.registryFromId(value.slice(0, byId.index + byId[0].length))
      : index.registryFromName(value);
    if (target?.kind === 'managed') for (const a of target.addresses) out.add(a);
    return;
  }
  if (Array.isArray(value)) for (const v of value) registriesGiven(index, v, out, depth + 1);
  else if (typeof value === 'object' && value !== null && !isUnknown(value))
    for (const v of Object.values(value)) registriesGiven(index, v, out, depth + 1);
}

/** A source naming a container registry module (the Azure Verified Module, or any `*container*registry*` module). */
const REGISTRY_MODULE = /container[-_]?registr|containerregistry|(^|[/_-])acr([/_-]|$)/i;

/** The module calls of the input, with the registries each is given. */
export function moduleCallsOf(index: ResourceIndex, calls: readonly RawModuleCall[]): ModuleCall[] {
  return calls.map((call) => {
    const given = new Set<string>();
    registriesGiven(index, call.values, given);
    return {
      source: { file: call.file, address: call.address },
      name: call.name,
      moduleSource: call.source,
      registryModule: typeof call.source === 'string' && REGISTRY_MODULE.test(call.source),
      registries: [...given].sort(),
      ...(call.notRead === undefined ? {} : { notRead: call.notRead }),
    };
  });
}

/** The reason a registry's attachments are incomplete because modules are given it. */
export function moduleGap(calls: readonly ModuleCall[], address: string): Unknown | undefined {
  const givers = calls.filter((c) => c.registries.includes(address)).map((c) => c.source.address);
  if (givers.length === 0) return undefined;
  return unknownBecause(
    `${givers.join(', ')} ${givers.length === 1 ? 'is' : 'are'} given this registry and may attach resources to it, which are not read here (check the plan)`,
  );
}

/** Lists of a registry that unknown blocks or modules leave incomplete. */
export function incompleteLists(
  resource: RawResource,
  calls: readonly ModuleCall[],
): Registry['incomplete'] | undefined {
  const out: Partial<Record<'replicas' | AttachmentKind, Unknown>> = {};
  // A `dynamic "georeplications"` block over an unknown collection, or a plan's unknown list.
  const listed = resource.values.georeplications;
  const replicas = resource.unknownBlocks?.georeplications ?? (isUnknown(listed) ? listed : undefined);
  if (replicas) out.replicas = replicas;
  const gap = moduleGap(calls, resource.address);
  if (gap) for (const kind of ATTACHMENT_KINDS) out[kind] = gap;
  // Children of the registry the input creates in a form not read here (azapi-resources.ts).
  const unread = resource.unreadAttachments;
  if (unread)
    for (const kind of ATTACHMENT_KINDS) {
      const reason = unread[kind];
      if (reason && !out[kind]) out[kind] = reason;
    }
  return Object.keys(out).length > 0 ? out : undefined;
}
