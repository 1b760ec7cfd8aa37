/**
 * Reads `pulumi preview --json` output (FACTS.md section 8) into a change set. A replacement shows up as
 * several steps on one URN (replace, create-replacement, delete-replaced); they become one `replace`, its
 * order told by which of create-replacement and delete-replaced comes first.
 */
import type { ChangeAction, ChangeSet, JsonObject, JsonValue, ReplaceOrder, ResourceChange } from './changes';
import { isObject, sortResources } from './changes';
import { PreviewInputError } from './errors';
import { joinPath } from './paths';
import { redactKnownSecrets, redactPulumiSecrets } from './redact';
import { PULUMI_UNKNOWN_SENTINEL } from '../constructs/model/plan-formats';

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

interface Step {
  readonly op: string;
  readonly urn: string;
  readonly oldState?: JsonObject;
  readonly newState?: JsonObject;
  readonly replaceReasons: readonly string[];
}

/** Turns a parsed preview document into the change set of `stack`; throws `PreviewInputError` when it is not one. */
export function parsePulumiPreview(document: unknown, stack: string): ChangeSet {
  if (!looksLikePulumiPreview(document) || !isObject(document)) {
    throw new PreviewInputError('not a Pulumi preview: expected `pulumi preview --json` output with "steps"');
  }
  const rawSteps = document.steps ?? [];
  if (!Array.isArray(rawSteps)) throw new PreviewInputError('not a Pulumi preview: "steps" is not a list');
  const byUrn = new Map<string, Step[]>();
  rawSteps.forEach((raw, index) => {
    const step = readStep(raw, index);
    if (isInfrastructure(step)) return;
    const group = byUrn.get(step.urn) ?? [];
    group.push(step);
    byUrn.set(step.urn, group);
  });
  const resources = [...byUrn.values()].map(toResourceChange);
  return {
    stack,
    source: 'pulumi-preview',
    resources: sortResources(resources),
    notes: diagnosticNotes(document),
  };
}

function readStep(raw: JsonValue, index: number): Step {
  if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.urn !== 'string') {
    throw new PreviewInputError(`not a Pulumi preview: steps[${index}] has no op or urn`);
  }
  if (!raw.urn.startsWith('urn:pulumi:')) {
    throw new PreviewInputError(`not a Pulumi preview: steps[${index}] has a malformed urn "${raw.urn}"`);
  }
  return {
    op: raw.op,
    urn: raw.urn,
    ...(isObject(raw.oldState) ? { oldState: raw.oldState } : {}),
    ...(isObject(raw.newState) ? { newState: raw.newState } : {}),
    replaceReasons: Array.isArray(raw.replaceReasons) ? raw.replaceReasons.map(String) : [],
  };
}

/** The stack resource, providers and components create nothing in Azure. */
function isInfrastructure(step: Step): boolean {
  const type = typeOfUrn(step.urn);
  if (type === 'pulumi:pulumi:Stack' || type.startsWith('pulumi:providers:')) return true;
  return (step.newState ?? step.oldState)?.custom === false;
}

/** `urn:pulumi:<stack>::<project>::<parent$...$type>::<name>` -> the resource's own type token. */
function typeOfUrn(urn: string): string {
  const qualified = urn.split('::')[2] ?? '';
  return qualified.split('$').pop() ?? qualified;
}

function nameOfUrn(urn: string): string {
  return urn.split('::').slice(3).join('::');
}

function toResourceChange(steps: readonly Step[]): ResourceChange {
  const urn = steps[0].urn;
  const type = typeOfUrn(urn);
  const name = nameOfUrn(urn);
  const oldState = steps.find((s) => s.oldState)?.oldState;
  const newState = [...steps].reverse().find((s) => s.newState)?.newState;
  const { action, replaceOrder } = actionOf(steps, urn);
  const before = action === 'create' ? undefined : stateValues(type, oldState);
  const afterRaw = action === 'delete' ? undefined : stateValues(type, newState);
  const unknownAfter: string[] = [];
  const after = afterRaw ? (stripUnknown(afterRaw, '', unknownAfter) as JsonObject) : undefined;
  const replacePaths = [...new Set(steps.flatMap((s) => s.replaceReasons))].sort();
  return {
    address: `${type}::${name}`,
    type,
    name,
    action,
    ...(replaceOrder ? { replaceOrder } : {}),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    unknownAfter,
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
  if (!action)
    throw new PreviewInputError(`not a Pulumi preview: unknown op "${ops[ops.length - 1]}" for ${urn}`);
  return { action };
}

/** The inputs of a state (what the program declared), falling back to its outputs; redacted. */
function stateValues(type: string, state: JsonObject | undefined): JsonObject | undefined {
  if (!state) return undefined;
  const values = isObject(state.inputs) ? state.inputs : isObject(state.outputs) ? state.outputs : undefined;
  if (!values) return undefined;
  return redactKnownSecrets(type, redactPulumiSecrets(values) as JsonObject);
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
  oldState: JsonObject | undefined,
  newState: JsonObject | undefined,
  action: ChangeAction,
): { protectedBefore?: boolean; protectedAfter?: boolean } {
  return {
    ...(oldState ? { protectedBefore: oldState.protect === true } : {}),
    ...(newState && action !== 'delete' ? { protectedAfter: newState.protect === true } : {}),
  };
}

function diagnosticNotes(document: JsonObject): string[] {
  const diagnostics = Array.isArray(document.diagnostics) ? document.diagnostics : [];
  const errors = diagnostics.filter((d) => isObject(d) && d.severity === 'error').length;
  return errors > 0 ? [`Pulumi reported ${errors} error(s) during the preview: it may be incomplete.`] : [];
}
