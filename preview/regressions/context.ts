/**
 * What every family of protection regressions reads: the change set, whether its stack is a
 * promotion target, and whether a resource exists before or after the change.
 */
import type { ChangeSet, ResourceChange } from '../changes';

/** The change set being judged, shared by every family. */
export interface Context {
  readonly set: ChangeSet;
  /** True when the stack is a promotion target. */
  readonly target: boolean;
  readonly byAddress: ReadonlyMap<string, ResourceChange>;
}

/** True when the resource existed before the change. */
export const existsBefore = (r: ResourceChange): boolean => r.action !== 'create' && r.before !== undefined;

/** True when the resource exists after the change. */
export const existsAfter = (r: ResourceChange): boolean => r.action !== 'delete' && r.after !== undefined;
