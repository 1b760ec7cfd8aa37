/**
 * Adapter: `pulumi preview --json` output (FACTS.md section 8) to an inventory. The head state is the
 * `newState` of every step that leaves a resource behind after the update; the states become the same
 * resource records the mocks runner produces, so one adapter (pulumi-resources/) judges both.
 *
 * Values are mapped the way the mocks runner maps them: Pulumi's unknown sentinel becomes UNKNOWN and
 * its `[secret]` marker a secret wrapping the placeholder the mocks give undecryptable secret config.
 *
 * The preview is read step by step through the shared reader (document.ts); a step's inputs are kept
 * only for the types the inventory reads (`inventoryKeepsInputs`), its outputs never.
 */
import { removalKindOf } from '../../../constructs/model/removal-kinds';
import { InventoryInputError } from '../errors';
import type { PulumiResourceRecord } from '../pulumi-resources/build';
import { inventoryFromPulumiResources } from '../pulumi-resources/build';
import { SECRET_PLACEHOLDER } from '../pulumi-resources/values';
import { readParsedDocument } from '../read-document';
import type { ChangeRecord } from '../removals';
import { removalsOf } from '../removals';
import { asRecord } from '../terraform-resources/raw';
import type { Inventory } from '../types';
import { UNKNOWN, unknownBecause } from '../types';
import { PULUMI_UNKNOWN_SENTINEL } from '../../../constructs/model/plan-formats';
import { canonicalPulumiType } from '../../../constructs/model/pulumi-types';
import type { PreviewRead, PreviewReadOptions, PreviewStep, PulumiOp, StepState } from './document';

type Json = Readonly<Record<string, unknown>>;

export { PULUMI_UNKNOWN_SENTINEL };

/** Signature key and value of a serialized secret (`{ "4dabf...": "1b470...", ciphertext }`). */
const SECRET_SIG_KEY = '4dabf18193072939515e22adb298388d';
const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

/** Steps after which the resource is gone from the stack (or was never in it). */
const DROPPING_OPS: ReadonlySet<PulumiOp> = new Set([
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
const EXTERNAL_OPS: ReadonlySet<PulumiOp> = new Set(['read', 'read-replacement']);

/** Steps that belong to a replacement. */
const REPLACE_OPS: ReadonlySet<PulumiOp> = new Set([
  'replace',
  'create-replacement',
  'delete-replaced',
  'discard-replaced',
]);

/**
 * Type tokens whose inputs the inventory reads (pulumi-resources/ and the removal kinds); other
 * resources keep their place in the graph (parents, dependencies) without inputs.
 * test/policies/plan-reader.test.ts checks that every token pulumi-resources/ names is kept.
 */
const INVENTORY_TOKENS =
  /^(azure-native:(containerregistry|authorization|network|privatedns|managedidentity|insights|monitor|resources|keyvault):|azure:|time:|command:(local|remote):Command$)/;

/** True when the inventory reads the inputs of resources of this type token. */
export function inventoryKeepsInputs(type: string): boolean {
  return INVENTORY_TOKENS.test(type);
}

/** True when a parsed document looks like `pulumi preview --json` output (top-level keys only). */
export function isPulumiPreviewDocument(doc: unknown): boolean {
  const record = asRecord(doc);
  return (
    record !== undefined &&
    !('format_version' in record) &&
    ('steps' in record || asRecord(record.changeSummary) !== undefined)
  );
}

/** What the inventory keeps of one step. */
interface KeptStep {
  readonly urn: string;
  readonly op: PulumiOp;
  readonly type: string;
  readonly name: string;
  /** The record of the state this step leaves, if it leaves one the stack manages. */
  readonly head?: PulumiResourceRecord;
  /** Values for the removal finder, for registries, groups and locks only. */
  readonly before?: Json;
  readonly after?: Json;
  readonly links?: Readonly<Record<string, readonly string[]>>;
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

function dependenciesOf(value: StepState['propertyDependencies']): Record<string, string[]> {
  return value ? { ...value } : {};
}

/** A head state as the record the mocks runner would have made of the same registration. */
function recordOf(step: PreviewStep, state: StepState): PulumiResourceRecord {
  const parent = typeof state.parent === 'string' && state.parent !== '' ? state.parent : undefined;
  const type = state.type === undefined ? step.type : canonicalPulumiType(state.type);
  return {
    urn: step.urn,
    type,
    name: step.name,
    custom: state.custom === true,
    parent,
    protect: state.protect === true,
    inputs: inventoryKeepsInputs(type) ? (valueOf(state.inputs ?? {}) as Record<string, unknown>) : {},
    propertyDependencies: dependenciesOf(state.propertyDependencies),
    ...(state.dependencies !== undefined &&
      state.dependencies.length > 0 && { dependencies: [...state.dependencies] }),
  };
}

/** Property dependencies (URNs, the addresses of a Pulumi inventory). */
function linksOf(state: StepState | undefined): Record<string, string[]> | undefined {
  const dependencies = state?.propertyDependencies;
  return dependencies ? { ...dependencies } : undefined;
}

function keepStep(step: PreviewStep): KeptStep {
  const state = step.newState;
  const leaves =
    state !== undefined &&
    !DROPPING_OPS.has(step.op) &&
    !EXTERNAL_OPS.has(step.op) &&
    state.external !== true;
  const kind = removalKindOf(step.type);
  const values = (s: StepState | undefined): Json | undefined => s?.inputs ?? s?.outputs;
  const before = kind ? values(step.oldState) : undefined;
  const after = kind ? values(step.newState) : undefined;
  const links = kind ? linksOf(step.oldState ?? step.newState) : undefined;
  return {
    urn: step.urn,
    op: step.op,
    type: step.type,
    name: step.name,
    ...(leaves && state ? { head: recordOf(step, state) } : {}),
    ...(before ? { before } : {}),
    ...(after ? { after } : {}),
    ...(links ? { links } : {}),
  };
}

/** What the inventory reads of a preview (for the shared document walk, read-document.ts). */
export const PREVIEW_CHECK_OPTIONS: PreviewReadOptions<KeptStep> = { step: keepStep };

/** What `check` keeps of one step of a preview. */
export type PreviewCheckStep = KeptStep;

/** What happens to each URN, as one neutral action (a replacement's steps are one `replace`). */
function actionOf(ops: readonly PulumiOp[]): ChangeRecord['action'] {
  if (ops.some((op) => REPLACE_OPS.has(op))) return 'replace';
  const last = ops[ops.length - 1];
  if (last === 'delete') return 'delete';
  if (last === 'discard') return 'forget';
  if (last === 'create') return 'create';
  return last === 'same' ? 'no-op' : 'update';
}

/** The change records of the registries, groups and locks of a preview, one per URN. */
function removalRecords(steps: readonly KeptStep[]): ChangeRecord[] {
  const byUrn = new Map<string, KeptStep[]>();
  for (const step of steps) {
    if (!removalKindOf(step.type)) continue;
    const group = byUrn.get(step.urn);
    if (group) group.push(step);
    else byUrn.set(step.urn, [step]);
  }
  return [...byUrn.values()].map((group) => {
    const first = group[0];
    const before = group.find((s) => s.before)?.before;
    const after = [...group].reverse().find((s) => s.after)?.after;
    const links = group.find((s) => s.links)?.links;
    return {
      address: first.urn,
      type: first.type,
      action: actionOf(group.map((s) => s.op)),
      ...(before ? { before } : {}),
      ...(after ? { after } : {}),
      ...(links ? { links } : {}),
    };
  });
}

/**
 * The engine registers default providers itself (`pulumi:providers:azure-native::default_3_28_0`); the
 * program never does, so the mocks adapter never counts them. Explicit providers are kept.
 */
function isDefaultProvider(record: PulumiResourceRecord): boolean {
  return record.type.startsWith('pulumi:providers:') && /^default(_|$)/.test(record.name);
}

/**
 * The state each URN has after the update, in first-seen order. A replacement comes as several steps
 * on one URN (replace, create-replacement, delete-replaced): the ones carrying a newState agree, and
 * the delete of the old copy does not remove the new one.
 */
function headRecords(steps: readonly KeptStep[]): PulumiResourceRecord[] {
  const head = new Map<string, PulumiResourceRecord>();
  for (const step of steps) if (step.head) head.set(step.urn, step.head);
  return [...head.values()].filter((record) => !isDefaultProvider(record));
}

/**
 * The inventory of a preview that was read: what the stack holds after the update, and the
 * registries, groups and locks it deletes or replaces. A preview of part of a stack (`--target`)
 * gives the inventory of that part.
 */
export function previewInventory(
  preview: PreviewRead<KeptStep>,
  environment: string,
  file: string,
): Inventory {
  const inventory = inventoryFromPulumiResources(headRecords(preview.steps), { environment, file });
  const removals = removalsOf(removalRecords(preview.steps), file);
  // As for an errored Terraform plan: a preview that stopped on an error may not show every step.
  if (preview.errors === 0) return { ...inventory, removals };
  const removalsDoubt = unknownBecause(
    `Pulumi reported ${preview.errors === 1 ? 'an error' : `${preview.errors} errors`} while previewing (diagnostics): the preview may not show every step`,
  );
  return { ...inventory, removals, removalsDoubt };
}

function readPreview(doc: unknown, file: string): PreviewRead<KeptStep> {
  const document = readParsedDocument(doc, file, { preview: PREVIEW_CHECK_OPTIONS });
  if (document.format !== 'pulumi-preview')
    throw new InventoryInputError(
      `${file}: not a Pulumi preview (expected \`pulumi preview --json\` output with "steps")`,
    );
  return document.preview;
}

/** The resource records of the head state of a parsed preview. */
export function pulumiPreviewResources(doc: unknown, file: string): PulumiResourceRecord[] {
  return headRecords(readPreview(doc, file).steps);
}

/**
 * The inventory of one parsed `pulumi preview --json` document. Throws InventoryInputError (one line
 * naming `file`) for a malformed document.
 */
export function inventoryFromPulumiPreviewJson(doc: unknown, environment: string, file: string): Inventory {
  return previewInventory(readPreview(doc, file), environment, file);
}
