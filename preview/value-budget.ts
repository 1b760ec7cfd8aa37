/**
 * Which changes keep their attribute values in a change set. Registries and everything the danger
 * block, the cost estimate and the protection checks read keep them always (`keepsValues`); other
 * resources only while they fit a fixed budget, since the comment can show the details of a few
 * hundred resources at most, while a landing-zone plan lists tens of thousands. The rest keep their
 * address, action and reasons, and the change set says how many lost their values.
 */
import type { ChangeAction } from './changes';
import { keepsValues } from './resource-kinds';

/** Bytes of plan text whose values other resources may keep, per change set (far more than a comment shows). */
export const OTHER_VALUES_BUDGET_BYTES = 2 * 2 ** 20;

/** Actions whose attribute changes the comment's details list. */
const DETAILED: ReadonlySet<ChangeAction> = new Set(['create', 'update', 'replace', 'delete']);

/** The budget of one change set, spent in document order (deterministic). */
export class ValueBudget {
  private used = 0;
  private dropped = 0;

  constructor(private readonly limit = OTHER_VALUES_BUDGET_BYTES) {}

  /** True when a change of `type` with `action`, `bytes` long in the input, keeps its values. */
  keeps(type: string, action: ChangeAction, bytes: number): boolean {
    if (keepsValues(type)) return true;
    if (!DETAILED.has(action)) return false;
    if (this.used + bytes > this.limit) {
      this.dropped += 1;
      return false;
    }
    this.used += bytes;
    return true;
  }

  /** The note for the change set, when values were left out. */
  notes(): string[] {
    if (this.dropped === 0) return [];
    const n = this.dropped;
    return [
      `${n} changed resource${n === 1 ? '' : 's'} of other types ${n === 1 ? 'is' : 'are'} listed without attribute values (the plan is large); registries, their attachments and protections are complete.`,
    ];
  }
}
