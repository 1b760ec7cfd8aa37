/**
 * Turns `pulumi preview --json` output (FACTS.md section 8) into a change set. The preview is read by the
 * one preview reader `check` uses too (policies/inventory/pulumi-preview/document.ts), step by step,
 * each state redacted and reduced as soon as it is read. A replacement shows up as several steps on one
 * URN (replace, create-replacement, delete-replaced); they become one `replace`, its order told by which
 * of create-replacement and delete-replaced comes first.
 */
import type {
  PreviewRead,
  PreviewReadOptions,
  StepState,
} from '../policies/inventory/pulumi-preview/document';
import type { ChangeAction, JsonObject, JsonValue, ReplaceOrder, ResourceChange } from './changes';
import { isObject } from './changes';
import { joinPath } from './paths';
import { redactKnownSecrets, redactPulumiSecrets } from './redact';
import { PULUMI_UNKNOWN_SENTINEL } from '../constructs/model/plan-formats';
import { shareWith } from './share';
import type { ValueBudget } from './value-budget';

/** Steps that belong to a replacement. */
const REPLACE_OPS = new Set(['replace', 'create-replacement', 'delete-replaced', 'discard-replaced']);

/** Single-step operations and what they mean. */
const SIMPLE_OPS: Readonly<Record<string, ChangeAction>> = {
  create: 'create',
  update: 'update',
  delete: 'delete',
  same: 'no-op',
  refresh: 'no-op',
  read: 'read',
  'read-replacement': 'read',
  'read-discard': 'read',
  discard: 'forget',
  import: 'import',
  'import-replacement': 'import',
  'remove-pending-replace': 'no-op',
};

/** True when a parsed document looks like `pulumi preview --json` output. */
export function looksLikePulumiPreview(document: unknown): boolean {
  return isObject(document) && (Array.isArray(document.steps) || isObject(document.changeSummary));
}

/** What the preview keeps of one step: redacted values, as the budget allows. */
export interface Step {
  readonly op: string;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly oldState?: KeptState;
  readonly newState?: KeptState;
  readonly replaceReasons: readonly string[];
}

/** A state reduced to what the comment needs; `values` absent when not kept. */
export interface KeptState {
  readonly values?: JsonObject;
  readonly protect: boolean;
  /** The URNs the inputs of FOLLOWED_INPUTS depend on, where the state records them. */
  readonly dependencies?: Readonly<Record<string, readonly string[]>>;
}

/**
 * Inputs whose dependency the preview follows when they are known only after the update: a role
 * assignment's role (azure-native and the classic provider name it `roleDefinitionId`), created in the
 * same update.
 */
const FOLLOWED_INPUTS: readonly string[] = ['roleDefinitionId'];

/** The `type::name` address of a URN (`urn:pulumi:<stack>::<project>::<parent$type>::<name>`). */
function addressOfUrn(urn: string): string | undefined {
  const parts = urn.split('::');
  if (parts.length < 4) return undefined;
  return `${parts[2].split('$').pop() as string}::${parts.slice(3).join('::')}`;
}

/** How the preview reads each step of a preview: infrastructure dropped, values kept as `budget` allows. */
export function pulumiPreviewOptions(budget: ValueBudget): PreviewReadOptions<Step> {
  return {
    step: (raw) => {
      const step = { op: raw.op, urn: raw.urn, type: raw.type, name: raw.name };
      if (isInfrastructure(raw.type, raw.newState ?? raw.oldState)) return undefined;
      const action = SIMPLE_OPS[raw.op] ?? 'replace';
      const bytes = raw.bytes;
      const keep = budget.keeps(raw.type, action, bytes);
      return {
        ...step,
        ...(raw.oldState ? { oldState: keptState(raw.type, raw.oldState, keep) } : {}),
        ...(raw.newState ? { newState: keptState(raw.type, raw.newState, keep) } : {}),
        replaceReasons: raw.replaceReasons,
      };
    },
  };
}

function keptState(type: string, state: StepState, keep: boolean): KeptState {
  const values = keep ? stateValues(type, state) : undefined;
  const dependencies: Record<string, readonly string[]> = {};
  for (const input of FOLLOWED_INPUTS) {
    const urns = state.propertyDependencies?.[input];
    if (urns && urns.length > 0) dependencies[input] = urns;
  }
  return {
    ...(values ? { values } : {}),
    protect: state.protect === true,
    ...(Object.keys(dependencies).length > 0 ? { dependencies } : {}),
  };
}

/** For each followed input known only after the update, the one resource it depends on. */
function referencesOf(state: KeptState | undefined, unknownAfter: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const input of FOLLOWED_INPUTS) {
    const urns = state?.dependencies?.[input];
    if (!unknownAfter.includes(input) || urns?.length !== 1) continue;
    const address = addressOfUrn(urns[0]);
    if (address) out[input] = address;
  }
  return out;
}

/** The resources of the steps that were read, one per URN (a replacement's steps are one change). */
export function pulumiResources(steps: readonly Step[]): ResourceChange[] {
  const byUrn = new Map<string, Step[]>();
  for (const step of steps) {
    const group = byUrn.get(step.urn);
    if (group) group.push(step);
    else byUrn.set(step.urn, [step]);
  }
  return [...byUrn.values()].map(toResourceChange);
}

/** The notes of a preview's diagnostics. */
export function pulumiPreviewNotes(preview: PreviewRead<unknown>): string[] {
  return preview.errors > 0
    ? [`Pulumi reported ${preview.errors} error(s) during the preview: it may be incomplete.`]
    : [];
}

/** The stack resource, providers and components create nothing in Azure. */
function isInfrastructure(type: string, state: StepState | undefined): boolean {
  if (type === 'pulumi:pulumi:Stack' || type.startsWith('pulumi:providers:')) return true;
  return state?.custom === false;
}

function toResourceChange(steps: readonly Step[]): ResourceChange {
  const { urn, type, name } = steps[0];
  const oldState = steps.find((s) => s.oldState)?.oldState;
  const newState = [...steps].reverse().find((s) => s.newState)?.newState;
  const { action, replaceOrder } = actionOf(steps, urn);
  const before = action === 'create' ? undefined : oldState?.values;
  const afterRaw = action === 'delete' ? undefined : newState?.values;
  const unknownAfter: string[] = [];
  const stripped = afterRaw ? (stripUnknown(afterRaw, '', unknownAfter) as JsonObject) : undefined;
  // One copy of what the change leaves alone.
  const after = stripped && shareWith(before, stripped);
  const replacePaths = [...new Set(steps.flatMap((s) => s.replaceReasons))].sort();
  const references = referencesOf(newState, unknownAfter);
  return {
    address: `${type}::${name}`,
    type,
    name,
    action,
    ...(replaceOrder ? { replaceOrder } : {}),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    unknownAfter,
    ...(Object.keys(references).length > 0 ? { references } : {}),
    replacePaths: action === 'replace' ? replacePaths : [],
    reasons: [],
    ...protection(oldState, newState, action),
  };
}

function actionOf(
  steps: readonly Step[],
  urn: string,
): { action: ChangeAction; replaceOrder?: ReplaceOrder } {
  const ops = steps.map((s) => s.op);
  if (ops.some((op) => REPLACE_OPS.has(op))) {
    const created = ops.indexOf('create-replacement');
    const deleted = ops.indexOf('delete-replaced');
    const deleteFirst = deleted >= 0 && (created < 0 || deleted < created);
    return {
      action: 'replace',
      replaceOrder: deleteFirst ? 'delete-before-create' : 'create-before-destroy',
    };
  }
  const action = SIMPLE_OPS[ops[ops.length - 1]];
  // The reader accepts only known ops, and every known op is in one of the two tables.
  if (!action) throw new Error(`op ${ops[ops.length - 1]} of ${urn} has no action`);
  return { action };
}

/** The inputs of a state (what the program declared), falling back to its outputs; redacted. */
function stateValues(type: string, state: StepState | undefined): JsonObject | undefined {
  if (!state) return undefined;
  const values = state.inputs ?? state.outputs;
  if (!values) return undefined;
  return redactKnownSecrets(type, redactPulumiSecrets(values as JsonObject) as JsonObject);
}

function stripUnknown(value: JsonValue, path: string, unknown: string[]): JsonValue | undefined {
  if (value === PULUMI_UNKNOWN_SENTINEL) {
    unknown.push(path);
    return undefined;
  }
  if (Array.isArray(value))
    return value.map((item, i) => stripUnknown(item, joinPath(path, i), unknown) ?? null);
  if (!isObject(value)) return value;
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value)) {
    const kept = stripUnknown(item, joinPath(path, key), unknown);
    if (kept !== undefined) out[key] = kept;
  }
  return out;
}

function protection(
  oldState: KeptState | undefined,
  newState: KeptState | undefined,
  action: ChangeAction,
): { protectedBefore?: boolean; protectedAfter?: boolean } {
  return {
    ...(oldState ? { protectedBefore: oldState.protect } : {}),
    ...(newState && action !== 'delete' ? { protectedAfter: newState.protect } : {}),
  };
}
