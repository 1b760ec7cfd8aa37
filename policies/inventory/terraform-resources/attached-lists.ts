/**
 * The attachment lists of the managed registries of one input, found from the target an attachment's
 * registry value resolved to.
 */
import type { AttachmentKind, Attachments } from '../types';
import { emptyAttachments } from '../types';
import type { RegistryTarget, ResourceIndex } from './links';
import type { RawResource } from './raw';
import type { Detached } from './registry-links';

/** The lists of one registry a target names, with that registry. */
export interface AttachedTo {
  readonly registry: RawResource | undefined;
  readonly lists: Attachments;
}

/** The attachment lists of each managed registry of an input, by address and by target. */
export class AttachedLists {
  /** The lists by registry address. */
  readonly byAddress: Map<string, Attachments>;
  /**
   * The lists each target names, found once per target object: thousands of attachments resolve to the
   * few targets the index shares between them.
   */
  private readonly byTarget = new Map<RegistryTarget, readonly AttachedTo[]>();

  constructor(private readonly index: ResourceIndex) {
    this.byAddress = new Map(index.registries.map((r) => [r.address, emptyAttachments()]));
  }

  /**
   * Adds `item` to the `key` list of each registry `target` names; an item not aimed at a managed
   * registry goes to `detached` (registry-links.ts decides it: undecided, or another registry's).
   */
  add<K extends AttachmentKind>(
    detached: Detached[],
    target: RegistryTarget | undefined,
    key: K,
    item: Attachments[K][number],
  ): void {
    if (target?.kind !== 'managed') {
      detached.push({ kind: key, item, target } as Detached);
      return;
    }
    for (const { lists } of this.of(target)) (lists[key] as Attachments[K][number][]).push(item);
  }

  /** The lists of the registries a managed target names, one entry per address it lists. */
  of(target: RegistryTarget & { readonly kind: 'managed' }): readonly AttachedTo[] {
    // Written out rather than through entryOf: a closure per attachment adds up.
    let found = this.byTarget.get(target);
    if (found === undefined) {
      const lists: AttachedTo[] = [];
      for (const address of target.addresses) {
        const of = this.byAddress.get(address);
        if (of) lists.push({ registry: this.index.registryAt(address), lists: of });
      }
      found = lists;
      this.byTarget.set(target, found);
    }
    return found;
  }
}
