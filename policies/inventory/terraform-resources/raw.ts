/**
 * The common ground of the Terraform adapters (cdk.tf.json and plan JSON): flat resources with their
 * attribute values, where a string `${type.name.attr}` is a reference and UNKNOWN marks a value known
 * only after apply. `build.ts` turns a list of them into an Inventory.
 */
import type { AttachmentKind, Setting, SourceLocation, Unknown } from '../types';
import { BoundedCache } from '../bounded-cache';
import { UNKNOWN, isUnknown, unknownBecause } from '../types';

/** A suppression written on a resource: `"//": {"acr-iac": {"suppressions": [...]}}`. */
export interface RawSuppression {
  readonly ruleId: string;
  readonly reason: string;
}

/** One Terraform resource or data source, as an adapter read it. */
export interface RawResource {
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** Terraform address, e.g. `azurerm_container_registry.registry` or `data.azurerm_container_registry.x`. */
  readonly address: string;
  /** Attribute values; references stay `${...}` strings, unknown values are UNKNOWN. */
  readonly values: Readonly<Record<string, unknown>>;
  /** `lifecycle.prevent_destroy`; UNKNOWN when the input cannot tell (plan JSON). */
  readonly preventDestroy: Setting<boolean>;
  readonly constructPath?: string | undefined;
  readonly suppressions: readonly RawSuppression[];
  /** File the resource is declared in, when the input has several (a root module). @default the input's file */
  readonly file?: string;
  /** UNKNOWN (with the reason) when `count`/`for_each` leaves open whether, and how often, it exists. */
  readonly presence?: Unknown;
  /**
   * Nested blocks the input may hold more of than `values` shows (a `dynamic` block over an unknown
   * collection), by path in the body (`georeplications`, `network_rule_set.ip_rule`), with the reason.
   */
  readonly unknownBlocks?: Readonly<Record<string, Unknown>>;
  /**
   * The input's own type when this is the azurerm view of a generic ARM resource (`azapi_resource`,
   * see azapi-resources.ts): references name it by that type and its address.
   */
  readonly viewOf?: string;
  /**
   * A registry's lists that the input may add to in a form not read here (an `azapi_resource` task,
   * say), with the reason.
   */
  readonly unreadAttachments?: Readonly<Partial<Record<AttachmentKind, Unknown>>>;
  /** Commands its provisioners run (`local-exec`, `remote-exec`), in the input's order; absent when none. */
  readonly commands?: readonly RawCommand[];
}

/** A command a provisioner of a resource runs when Terraform creates (or destroys) it. */
export interface RawCommand {
  /** The provisioner type: `local-exec` runs on the machine running Terraform, `remote-exec` on the resource. */
  readonly provisioner: 'local-exec' | 'remote-exec';
  /**
   * The command as evaluated: text (references to resource attributes kept as `${...}`), or UNKNOWN
   * with the reason (a variable without a value; a script file, which is not read).
   */
  readonly text: unknown;
  /** The command as written (for messages), when it is one string of the body. */
  readonly written?: string;
  /** True when the command's text refers to `self` (the resource the provisioner belongs to). */
  readonly namesSelf?: boolean;
  /**
   * Other values the command uses, as evaluated: a `local-exec` provisioner's `environment` values and,
   * in a plan, the references of its expressions (`${azurerm_container_registry.acr.name}`).
   */
  readonly environment?: readonly unknown[];
}

/** The command of a `remote-exec` provisioner's `script` or `scripts` files, which are not read. */
export function scriptFiles(key: 'script' | 'scripts'): RawCommand {
  return {
    provisioner: 'remote-exec',
    text: unknownBecause(
      `its remote-exec provisioner runs the script file(s) in \`${key}\`, which are not read here`,
    ),
  };
}

/** A parsed reference `${[data.]type.name.attribute}`. */
export interface Reference {
  /** Address of the referenced resource: `type.name` or `data.type.name`. */
  readonly address: string;
  readonly type: string;
  readonly attribute: string;
}

// Optional module path, optional `data.`, type, name (with an optional count/for_each index), attribute.
const REFERENCE =
  /^\$\{((?:module\.[a-zA-Z0-9_-]+(?:\[[^\]]*\])?\.)*(?:data\.)?([a-zA-Z0-9_]+)\.[a-zA-Z0-9_-]+(?:\[[^\]]*\])?)\.([a-zA-Z0-9_.[\]]+)\}$/;

/**
 * Parsed references by their text (null: not a reference). The same references recur all over an
 * input (every attachment names its registry, often several times), so each distinct text is parsed once.
 */
const parsedReferences = new BoundedCache<string, Reference | null>(50_000);

function parseUncached(value: string): Reference | null {
  const match = REFERENCE.exec(value);
  // Frozen: the same object is handed to every caller.
  return match ? Object.freeze({ address: match[1], type: match[2], attribute: match[3] }) : null;
}

/** Parses a whole-string reference to another resource; undefined for anything else. */
export function parseReference(value: unknown): Reference | undefined {
  if (typeof value !== 'string' || !value.startsWith('${')) return undefined;
  return parsedReferences.get(value, parseUncached) ?? undefined;
}

/** A string value that is not a Terraform expression, or undefined. */
export function literal(value: unknown): string | undefined {
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

/** True when `value` is a Terraform expression (`${...}`) rather than a literal. */
export function isExpression(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}

/** A record, or undefined. */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isUnknown(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/**
 * The body of an azapi resource as an object: azapi 2.x writes an object (a dynamic attribute), 1.x a
 * JSON-encoded string (`jsonencode({...})`, whose references stay `${...}` strings in it, as they do
 * in any value). `'unknown'` when it cannot be read (a reference, text that is not a JSON object, a
 * value known only after apply).
 */
export function azapiBodyOf(value: unknown): Readonly<Record<string, unknown>> | undefined | 'unknown' {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') {
    try {
      return asRecord(JSON.parse(value)) ?? 'unknown';
    } catch {
      return 'unknown';
    }
  }
  return asRecord(value) ?? 'unknown';
}

/** Shared by the (many) attributes without blocks; frozen since it is shared. */
const NO_BLOCKS: readonly Readonly<Record<string, unknown>>[] = Object.freeze([]);

function isBlock(value: unknown): value is Readonly<Record<string, unknown>> {
  return asRecord(value) !== undefined;
}

/** The blocks of a nested block attribute; cdktf writes a single block as an object or as an array. */
export function blocks(value: unknown): readonly Readonly<Record<string, unknown>>[] {
  // A list of blocks is returned as it is (read-only) rather than copied: it is read for every
  // attribute of every resource of an input, and its elements are almost always all blocks.
  if (Array.isArray(value)) return value.every(isBlock) ? value : value.filter(isBlock);
  const one = asRecord(value);
  return one ? [one] : NO_BLOCKS;
}

/** The first of `blocks(value)`, without the list (most nested blocks are read for their first). */
export function firstBlock(value: unknown): Readonly<Record<string, unknown>> | undefined {
  if (!Array.isArray(value)) return asRecord(value);
  for (let i = 0; i < value.length; i += 1) if (isBlock(value[i])) return value[i] as Record<string, unknown>;
  return undefined;
}

/** A boolean setting: the value, the default when absent, UNKNOWN for expressions and unknown values. */
export function boolSetting(value: unknown, fallback: boolean): Setting<boolean> {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'boolean') return value;
  if (value === 'true' || value === 'false') return value === 'true';
  return unknownOf(value);
}

/** The UNKNOWN a value stands for: itself when it is one (keeping its reason), else the plain UNKNOWN. */
export function unknownOf(value: unknown): Unknown {
  return isUnknown(value) ? value : UNKNOWN;
}

/** A string setting: the literal, the default when absent, UNKNOWN for expressions and unknown values. */
export function stringSetting(value: unknown, fallback: string): Setting<string>;
export function stringSetting(value: unknown): Setting<string> | undefined;
export function stringSetting(value: unknown, fallback?: string): Setting<string> | undefined {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'string') return isExpression(value) ? UNKNOWN : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return unknownOf(value);
}

/** A number setting (accepts numeric strings). */
export function numberSetting(value: unknown, fallback: number): Setting<number> {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  return unknownOf(value);
}

/** A list of strings; UNKNOWN when the list or any element is not a literal. */
export function stringListSetting(value: unknown): Setting<readonly string[]> {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) return unknownOf(value);
  // Loops, not find and some: a closure per list adds up over every webhook, scope map and endpoint.
  for (let i = 0; i < value.length; i += 1) if (isUnknown(value[i])) return value[i] as Unknown;
  for (let i = 0; i < value.length; i += 1) {
    const v: unknown = value[i];
    if (typeof v !== 'string' || v.includes('${')) return UNKNOWN;
  }
  return value as string[];
}

/** Plain code-unit order of strings (see constructs/model/order.ts). */
export { compareCodeUnits } from '../../../constructs/model/order';

/**
 * Stable-sorts `list` in place by `compare` and returns it; a list already in order is left alone,
 * because most lists here arrive sorted and even sorting two elements allocates the engine's sort state.
 */
export function sortIfNeeded<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i += 1) {
    if (compare(list[i - 1], list[i]) > 0) return list.sort(compare);
  }
  return list;
}

/** The UNKNOWN marker, typed for convenience in adapters. */
export const unknownValue: Unknown = UNKNOWN;

/** The source location of a raw resource in `file`. */
export function sourceOf(resource: RawResource, file: string): SourceLocation {
  const at = resource.file ?? file;
  return resource.constructPath
    ? { file: at, address: resource.address, constructPath: resource.constructPath }
    : { file: at, address: resource.address };
}

/** A `module` call of a configuration: its resources are not in the input. */
export interface RawModuleCall {
  /** `module.<name>`. */
  readonly address: string;
  readonly name: string;
  /** File the call is declared in. */
  readonly file: string;
  /** The module's `source` (UNKNOWN when it is not a literal). */
  readonly source: Setting<string>;
  /** Its arguments, evaluated like resource attributes (references stay `${...}` strings). */
  readonly values: Readonly<Record<string, unknown>>;
  /** UNKNOWN when `count`/`for_each` leaves open whether it is called. */
  readonly presence?: Unknown;
  /** Why a call with a local source was not read as a child module (see child-modules.ts). */
  readonly notRead?: string;
}
