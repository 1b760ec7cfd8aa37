/**
 * Classic Pulumi registry children the checker does not read (a task run, `RegistryTaskScheduleRunNow`):
 * they leave that list of their registry incomplete, with the reason, never "none".
 */
import {
  UNREAD_CLASSIC_REGISTRY_CHILDREN,
  currentClassicType,
} from '../../../constructs/model/pulumi-classic-types';
import type { IncompleteLists, ListKind } from '../input-notes';
import type { Unknown } from '../types';
import { unknownBecause, unknownReason } from '../types';
import type { PulumiResourceRecord } from './build';
import { unattachedTarget } from './unattached';
import type { PulumiIndex, PulumiTarget } from './values';
import { PULUMI_TYPES as T, literal } from './values';

/** Every registry of the stack (for a child whose registry is not decided). */
const EVERY = '*';

/** The registries an unread classic child names through `input` (a task run: through its task). */
function unreadTarget(
  index: PulumiIndex,
  r: PulumiResourceRecord,
  input: string,
  by: 'id' | 'name',
): PulumiTarget | undefined {
  if (by === 'name') return index.registryFromName(r, input);
  const id = literal(r.inputs[input]);
  // A child's ID (a task's, for a task run) names its registry before the child's segment.
  if (id !== undefined) return index.registryFromId(r, input, id.replace(/\/tasks\/[^/]+\/?$/i, ''));
  const direct = index.registryFromId(r, input);
  if (direct) return direct;
  // A task run of a task of the stack (azure-native, or a classic one read as it): that task's registry.
  const [task] = index.dependencies(r, input, T.task);
  return task ? index.registryFromName(task, 'registryName') : undefined;
}

/**
 * The lists that classic registry children not read here leave incomplete, by registry URN (`*`: every
 * registry, for a child whose registry the stack does not decide). A child on a registry outside the
 * stack (a literal name or ID of another) is that registry's.
 */
export function unreadClassicLists(index: PulumiIndex): ReadonlyMap<string, IncompleteLists> {
  const out = new Map<string, Partial<Record<ListKind, Unknown>>>();
  const add = (urn: string, list: ListKind, reason: Unknown): void => {
    const lists = out.get(urn) ?? {};
    lists[list] ??= reason;
    out.set(urn, lists);
  };
  for (const r of index.records) {
    const type = currentClassicType(r.type);
    if (!Object.hasOwn(UNREAD_CLASSIC_REGISTRY_CHILDREN, type)) continue;
    const { list, input, by } = UNREAD_CLASSIC_REGISTRY_CHILDREN[type];
    const target = unreadTarget(index, r, input, by);
    const reason = unknownBecause(
      `${r.urn} is a ${type} of the classic azure provider, whose settings are not read here`,
    );
    if (target?.kind === 'managed') {
      for (const urn of target.urns) add(urn, list, reason);
      continue;
    }
    const undecided = unattachedTarget(index, r, input, by, target);
    if (undecided && !undecided.decided)
      add(
        EVERY,
        list,
        unknownBecause(
          `${r.urn} may be one of them (${unknownReason(undecided.reason) ?? 'its registry is not decided'}), and its settings are not read here`,
        ),
      );
  }
  return out;
}

/** The incomplete lists of registry `urn` that unread classic children leave (see unreadClassicLists). */
export function classicGapsOf(
  gaps: ReadonlyMap<string, IncompleteLists>,
  urn: string,
): IncompleteLists | undefined {
  const every = gaps.get(EVERY);
  const own = gaps.get(urn);
  return every || own ? { ...every, ...own } : undefined;
}
