/**
 * Attachments of a Pulumi stack that no registry of the stack gets: on a registry outside the stack
 * (named by a literal), or on a registry the stack does not decide (its name or ID known only after
 * apply, without a registry of the stack among the input's dependencies: `registryName: name`, an
 * interpolated output the registry is given too). They are kept as `Inventory.unattached`, as the
 * Terraform builder keeps its own (registry-links.ts), so rules judge them and no verdict counts
 * without them.
 */
import type { UnattachedItem, UnattachedTarget } from '../input-notes';
import { isDeclaredToken, passwordsOfOutsideToken } from '../input-notes';
import type { AttachmentKind, Attachments, Token, Unknown } from '../types';
import { isUnknown, unknownBecause } from '../types';
import type { PulumiResourceRecord } from './build';
import type { PulumiIndex, PulumiTarget } from './values';
import { plain } from './values';

/**
 * How an input names the registry: `name` (`registryName`, always a registry's), or `id` (`scope`,
 * `resourceUri`, `privateLinkServiceId`: a literal of another resource type, or an unknown that depends
 * on another resource of the stack, is no registry's).
 */
export type RegistryInput = 'name' | 'id';

/** Kinds whose items on other registries are listed elsewhere (external grants, tokens, tasks, imports). */
const LISTED_ELSEWHERE: ReadonlySet<AttachmentKind> = new Set([
  'roleAssignments',
  'tokens',
  'tasks',
  'ingests',
]);

/**
 * Where an item that `target` does not attach to a registry of the stack points; undefined when it
 * is attached, or no registry's.
 */
export function unattachedTarget(
  index: PulumiIndex,
  record: PulumiResourceRecord,
  key: string,
  by: RegistryInput,
  target: PulumiTarget | undefined,
  value: unknown = record.inputs[key],
): UnattachedTarget | undefined {
  if (target?.kind === 'managed') return undefined;
  if (target?.kind === 'external') return { decided: true, name: target.name };
  if (!isUnknown(plain(value))) return undefined;
  if (by === 'id' && index.dependencies(record, key).length > 0) return undefined;
  return {
    decided: false,
    reason: unknownBecause(`its ${key} is known only after apply and depends on no registry of the stack`),
  };
}

/** Collects the unattached items of one stack. */
export class PulumiUnattached {
  readonly items: UnattachedItem[] = [];

  constructor(private readonly index: PulumiIndex) {}

  /** Keeps `item` of `record` when `target` does not attach it (see unattachedTarget). */
  note<K extends AttachmentKind>(
    kind: K,
    item: Attachments[K][number],
    record: PulumiResourceRecord,
    key: string,
    by: RegistryInput,
    target: PulumiTarget | undefined,
    value?: unknown,
  ): void {
    const registry = unattachedTarget(this.index, record, key, by, target, value);
    if (!registry) return;
    const passwordOnly = kind === 'tokens' && !isDeclaredToken(item as Token);
    if (registry.decided && LISTED_ELSEWHERE.has(kind) && !passwordOnly) {
      // A token on another registry is that registry's; its passwords here are the password rule's.
      const passwords = kind === 'tokens' ? passwordsOfOutsideToken(item as Token) : undefined;
      if (passwords) this.items.push({ kind: 'tokens', item: passwords, registry });
      return;
    }
    this.items.push({ kind, item, registry } as UnattachedItem);
  }

  /** Keeps `item`, whose registry the stack does not decide, for `reason`. */
  undecided<K extends AttachmentKind>(kind: K, item: Attachments[K][number], reason: Unknown): void {
    this.items.push({ kind, item, registry: { decided: false, reason } } as UnattachedItem);
  }
}
