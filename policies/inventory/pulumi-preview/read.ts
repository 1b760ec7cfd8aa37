/**
 * Adapter: `pulumi preview --json` output (FACTS.md section 8) to an inventory. The head state is the
 * `newState` of every step that leaves a resource behind after the update; the states become the same
 * resource records the mocks runner produces, so one adapter (pulumi.ts) judges both.
 *
 * Values are mapped the way the mocks runner maps them: Pulumi's unknown sentinel becomes UNKNOWN and
 * its `[secret]` marker a secret wrapping the placeholder the mocks give undecryptable secret config.
 */
import { InventoryInputError } from '../errors';
import type { PulumiResourceRecord } from '../pulumi-resources/build';
import { inventoryFromPulumiResources } from '../pulumi-resources/build';
import { SECRET_PLACEHOLDER } from '../pulumi-resources/values';
import { asRecord } from '../terraform-resources/raw';
import type { Inventory } from '../types';
import { UNKNOWN } from '../types';
import { PULUMI_UNKNOWN_SENTINEL } from '../../../constructs/model/plan-formats';

type Json = Readonly<Record<string, unknown>>;

export { PULUMI_UNKNOWN_SENTINEL };

/** Signature key and value of a serialized secret (`{ "4dabf...": "1b470...", ciphertext }`). */
const SECRET_SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

/** Steps after which the resource is gone from the stack (or was never in it). */
const DROPPING_OPS = new Set([
  'delete',
  'delete-replaced',
  'discard',
  'discard-replaced',
  'read-discard',
  'remove-pending-replace',
]);

/**
 * Steps that only read a resource the stack does not manage (`Registry.get`). They are not
 * registrations, so the mocks adapter never sees them either; judging them would put another
 * environment's registry under this environment's rules.
 */
const EXTERNAL_OPS = new Set(['read', 'read-replacement']);

/** True when a parsed document looks like `pulumi preview --json` output. */
export function isPulumiPreviewDocument(doc: unknown): boolean {
  const record = asRecord(doc);
  return (
    record !== undefined &&
    !('format_version' in record) &&
    ('steps' in record || asRecord(record.changeSummary) !== undefined)
  );
}

/** One validated step: what it does, to which URN, and the state it leaves (if any). */
interface Step {
  readonly op: string;
  readonly urn: string;
  readonly newState?: Json;
}

/** `urn:pulumi:<stack>::<project>::<parent$...$type>::<name>`: the parts after the prefix. */
function urnParts(urn: string): { readonly type: string; readonly name: string } | undefined {
  const parts = urn.split('::');
  if (!urn.startsWith('urn:pulumi:') || parts.length < 4) return undefined;
  const type = parts[2].split('$').pop() ?? '';
  const name = parts.slice(3).join('::');
  return type !== '' && name !== '' ? { type, name } : undefined;
}

function readStep(raw: unknown, index: number, file: string): Step {
  const step = asRecord(raw);
  const where = `${file}: steps[${index}]`;
  if (!step) throw new InventoryInputError(`${where} is not an object`);
  if (typeof step.op !== 'string' || step.op === '') throw new InventoryInputError(`${where} has no op`);
  if (typeof step.urn !== 'string' || !urnParts(step.urn))
    throw new InventoryInputError(`${where} has no urn (or a malformed one)`);
  const state = step.newState;
  if (state === undefined || state === null) return { op: step.op, urn: step.urn };
  const newState = asRecord(state);
  if (!newState) throw new InventoryInputError(`${where} has a newState that is not an object`);
  if ('type' in newState && (typeof newState.type !== 'string' || newState.type === ''))
    throw new InventoryInputError(`${where} has a newState without a type`);
  return { op: step.op, urn: step.urn, newState };
}

/** The steps of a preview, validated; a preview without changes may omit `steps`. */
function readSteps(doc: unknown, file: string): Step[] {
  const record = asRecord(doc);
  if (!record) throw new InventoryInputError(`${file}: not a Pulumi preview (not a JSON object)`);
  const steps = record.steps ?? [];
  if (!Array.isArray(steps))
    throw new InventoryInputError(`${file}: not a Pulumi preview ("steps" is not a list)`);
  return steps.map((raw, index) => readStep(raw, index, file));
}

/**
 * The state each URN has after the update, in first-seen order. A replacement comes as several steps
 * on one URN (replace, create-replacement, delete-replaced): the ones carrying a newState agree, and
 * the delete of the old copy does not remove the new one.
 */
function headStates(doc: unknown, file: string): Map<string, Json> {
  const head = new Map<string, Json>();
  for (const step of readSteps(doc, file)) {
    if (DROPPING_OPS.has(step.op) || !step.newState) continue;
    if (EXTERNAL_OPS.has(step.op) || step.newState.external === true) continue;
    head.set(step.urn, step.newState);
  }
  return head;
}

function secret(value: unknown): unknown {
  return { secret: true, value };
}

/** A serialized secret's content when shown (`plaintext` is JSON), else the placeholder. */
function serializedSecret(record: Json): unknown {
  if ('value' in record) return secret(valueOf(record.value));
  if (typeof record.plaintext === 'string') {
    try {
      return secret(valueOf(JSON.parse(record.plaintext)));
    } catch {
      // Not JSON: the plaintext is unusable, which is no worse than a hidden secret.
    }
  }
  return secret(SECRET_PLACEHOLDER);
}

/** A state value in the mocks runner's shape: UNKNOWN for unknowns, `{ secret, value }` for secrets. */
export function valueOf(value: unknown): unknown {
  if (value === PULUMI_UNKNOWN_SENTINEL) return UNKNOWN;
  if (value === SECRET_PLACEHOLDER) return secret(SECRET_PLACEHOLDER);
  if (Array.isArray(value)) return value.map(valueOf);
  const record = asRecord(value);
  if (!record) return value;
  if (record[SECRET_SIG_KEY] === SECRET_SIG) return serializedSecret(record);
  return Object.fromEntries(Object.entries(record).map(([key, item]) => [key, valueOf(item)]));
}

function dependenciesOf(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, urns] of Object.entries(asRecord(value) ?? {})) {
    if (Array.isArray(urns)) out[key] = urns.filter((u): u is string => typeof u === 'string');
  }
  return out;
}

/** A head state as the record the mocks runner would have made of the same registration. */
function recordOf(urn: string, state: Json): PulumiResourceRecord {
  const parts = urnParts(urn) as { type: string; name: string };
  const parent = typeof state.parent === 'string' && state.parent !== '' ? state.parent : undefined;
  return {
    urn,
    type: typeof state.type === 'string' ? state.type : parts.type,
    name: parts.name,
    custom: state.custom === true,
    parent,
    protect: state.protect === true,
    inputs: valueOf(asRecord(state.inputs) ?? {}) as Record<string, unknown>,
    propertyDependencies: dependenciesOf(state.propertyDependencies),
  };
}

/**
 * The engine registers default providers itself (`pulumi:providers:azure-native::default_3_28_0`); the
 * program never does, so the mocks adapter never counts them. Explicit providers are kept.
 */
function isDefaultProvider(record: PulumiResourceRecord): boolean {
  return record.type.startsWith('pulumi:providers:') && /^default(_|$)/.test(record.name);
}

/** The resource records of the head state of a parsed preview. */
export function pulumiPreviewResources(doc: unknown, file: string): PulumiResourceRecord[] {
  return [...headStates(doc, file)]
    .map(([urn, state]) => recordOf(urn, state))
    .filter((record) => !isDefaultProvider(record));
}

/**
 * The inventory of one parsed `pulumi preview --json` document: what the stack holds after the
 * update. A preview of part of a stack (`--target`) gives the inventory of that part. Throws
 * InventoryInputError (one line naming `file`) for a malformed document.
 */
export function inventoryFromPulumiPreviewJson(doc: unknown, environment: string, file: string): Inventory {
  return inventoryFromPulumiResources(pulumiPreviewResources(doc, file), { environment, file });
}
