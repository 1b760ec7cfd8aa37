/**
 * The one reader of `terraform show -json <planfile>` output, for `check` and `preview` alike. It
 * reads the plan piece by piece (each element of `resource_changes`, each resource of
 * `planned_values` / `prior_state`), validates each piece against the schema (schema.ts) and hands it
 * to the caller, which keeps only what it needs: a 50 MB plan is never held whole in memory.
 */
import type { JsonCursor } from '../json-stream';
import { quoteForMessage } from '../json-messages';
import { parseWithSchema } from '../schema-errors';
import type { ResourceAddress } from './addresses';
import { parseResourceAddress } from './addresses';
import type { ConfigModule, JsonRecord, PlanAction } from './types';
import { PLAN_ACTIONS, addressMismatch, planSchemas } from './schema';

/** One validated element of `resource_changes`. */
export interface PlanChange {
  /** Its JSON path, for messages (`resource_changes[3]`). */
  readonly path: string;
  /** Bytes the element takes in the plan. */
  readonly bytes: number;
  readonly address: string;
  readonly parsed: ResourceAddress;
  /** The resource name as the plan gives it (the address's when absent). */
  readonly name: string;
  /** The address before a `moved` block (jsonplan `previous_address`). */
  readonly previousAddress?: string;
  /** Set for a deposed object (left over from a create-before-destroy replacement). */
  readonly deposed?: string;
  readonly action: PlanAction;
  /** Terraform's `action_reason` (`delete_because_each_key`...). */
  readonly actionReason?: string;
  readonly before?: JsonRecord | null;
  readonly after?: JsonRecord | null;
  readonly afterUnknown?: unknown;
  readonly beforeSensitive?: unknown;
  readonly afterSensitive?: unknown;
  readonly replacePaths: readonly (readonly (string | number)[])[];
  /** True when the change also imports the object (`importing` is set). */
  readonly importing: boolean;
}

/** A resource of `planned_values` or of `prior_state`. */
export interface StateResource {
  readonly address: string;
  readonly parsed: ResourceAddress;
  /** Its values; `{}` when the caller did not keep them. */
  readonly values: JsonRecord;
}

/** What a caller wants from a plan. */
export interface PlanReadOptions<T> {
  /** Maps each change to what the caller keeps (undefined: nothing). Called in document order. */
  readonly change: (change: PlanChange) => T | undefined;
  /** Whether `planned_values` / `prior_state` resources of this address keep their values. */
  readonly keepStateValues?: (address: ResourceAddress) => boolean;
  /** Keep `planned_values` resources (they are validated either way). @default false */
  readonly planned?: boolean;
  /** Keep the data sources of `prior_state` (validated either way). @default false */
  readonly priorData?: boolean;
  /** Keep the `configuration` section (validated either way). @default false */
  readonly configuration?: boolean;
}

/** What was read. */
export interface PlanRead<T> {
  readonly formatVersion: string;
  /** What `change` returned, in document order. */
  readonly changes: readonly T[];
  /** Number of elements of `resource_changes` (absent: 0). */
  readonly changeCount: number;
  /** True when the plan has a `resource_changes` list. */
  readonly hasResourceChanges: boolean;
  /** `planned_values` resources, root module and child modules (when asked for). */
  readonly planned: readonly StateResource[];
  /** Data sources of `prior_state` (when asked for). */
  readonly priorData: readonly StateResource[];
  /** The root module of the `configuration` section (when asked for and present). */
  readonly configuration?: ConfigModule;
  readonly errored: boolean;
  readonly complete: boolean;
}

const EMPTY: JsonRecord = Object.freeze({});

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Where state resources go (undefined: checked only) and which ones. */
interface StateTarget {
  readonly out: StateResource[] | undefined;
  readonly wanted: (address: ResourceAddress) => boolean;
  /** The path of each address the section listed so far (an address is listed once per section). */
  readonly seen: Map<string, string>;
}

/**
 * Refuses an address listed twice in one section: Terraform lists each resource instance once in
 * `resource_changes` (a deposed object beside the current one differs by its `deposed` key) and once
 * in a values representation, so a repeated address is a malformed or hand-edited plan, and which
 * of the two would be the resource is not knowable.
 */
function refuseRepeated(
  cursor: JsonCursor,
  seen: Map<string, string>,
  key: string,
  address: string,
  path: string,
): void {
  const first = seen.get(key);
  if (first !== undefined)
    throw cursor.error(
      `${path}.address`,
      `${quoteForMessage(address)} is listed again (first at ${first}): expected each address once`,
    );
  seen.set(key, path);
}

/** Reads the top-level members of a plan that concern it; the document walk is in read-document.ts. */
export class PlanReader<T> {
  private formatVersion?: string;
  private readonly changes: T[] = [];
  private changeCount = 0;
  private hasResourceChanges = false;
  private hasPlannedValues = false;
  private readonly planned: StateResource[] = [];
  /** The path of each address (and deposed key) of `resource_changes` so far. */
  private readonly changeAddresses = new Map<string, string>();
  private readonly priorData: StateResource[] = [];
  private configuration?: ConfigModule | undefined;
  private errored = false;
  private complete = true;

  constructor(private readonly options: PlanReadOptions<T>) {}

  /** True when the plan had the members that make it a plan. */
  get isPlan(): boolean {
    return this.hasResourceChanges || this.hasPlannedValues;
  }

  /** Reads the member `key` at the cursor; false when it is not one of a plan's. */
  readMember(cursor: JsonCursor, key: string, path: string): boolean {
    switch (key) {
      case 'format_version':
        this.formatVersion = this.readFormatVersion(cursor, path);
        return true;
      case 'errored':
        this.errored = parseWithSchema(
          planSchemas().planFlagSchema,
          cursor.value(path, 1),
          cursor.shown,
          path,
        );
        return true;
      case 'complete':
        this.complete = parseWithSchema(
          planSchemas().planFlagSchema,
          cursor.value(path, 1),
          cursor.shown,
          path,
        );
        return true;
      case 'resource_changes':
        this.hasResourceChanges = true;
        cursor.elements(path, 1, 'a list of resource changes', (_, element) =>
          this.readChange(cursor, element),
        );
        return true;
      // The sections below are validated whether or not the caller keeps them, so that check and
      // preview refuse the same plans.
      case 'planned_values': {
        this.hasPlannedValues = true;
        const out = this.options.planned ? this.planned : undefined;
        this.readStateValues(cursor, path, 1, { out, wanted: () => true, seen: new Map() });
        return true;
      }
      case 'prior_state': {
        const out = this.options.priorData ? this.priorData : undefined;
        cursor.members(path, 1, 'an object', (member, child) => {
          if (member === 'values')
            this.readStateValues(cursor, child, 2, {
              out,
              wanted: (a) => a.mode === 'data',
              seen: new Map(),
            });
          else cursor.skip(child, 2);
        });
        return true;
      }
      case 'configuration': {
        const value = cursor.value(path, 1);
        const configuration = parseWithSchema(planSchemas().configurationSchema, value, cursor.shown, path);
        if (this.options.configuration) this.configuration = configuration.root_module;
        return true;
      }
      default:
        return false;
    }
  }

  /** The result; call after the whole document was read and found to be a plan. */
  result(): PlanRead<T> {
    return {
      formatVersion: this.formatVersion ?? '',
      changes: this.changes,
      changeCount: this.changeCount,
      hasResourceChanges: this.hasResourceChanges,
      planned: this.planned,
      priorData: this.priorData,
      ...(this.configuration ? { configuration: this.configuration } : {}),
      errored: this.errored,
      complete: this.complete,
    };
  }

  private readFormatVersion(cursor: JsonCursor, path: string): string {
    const value = cursor.value(path, 1);
    const parsed = planSchemas().formatVersionSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    const shown = typeof value === 'string' ? ` ${quoteForMessage(value)}` : '';
    throw cursor.error(
      path,
      typeof value === 'string'
        ? `unsupported Terraform plan format_version${shown} (this tool reads 1.x, and 0.x for old files)`
        : 'expected a string such as "1.2"',
    );
  }

  private readChange(cursor: JsonCursor, path: string): void {
    const { value, bytes } = cursor.valueWithSize(path, 2);
    const entry = parseWithSchema(planSchemas().resourceChangeSchema, value, cursor.shown, path);
    const parsed = parseResourceAddress(entry.address) as ResourceAddress;
    const mismatch = addressMismatch(parsed, entry);
    if (mismatch) throw cursor.error(path, mismatch);
    const key = entry.deposed === undefined ? entry.address : `${entry.address} deposed ${entry.deposed}`;
    refuseRepeated(cursor, this.changeAddresses, key, entry.address, path);
    const change = entry.change;
    const action = PLAN_ACTIONS[change.actions.join(',') as keyof typeof PLAN_ACTIONS];
    // Optional members are set one by one: a conditional spread per member allocated a throw-away
    // object per member and change (tens of thousands of changes in a large plan).
    const out: Mutable<PlanChange> = {
      path,
      bytes,
      address: entry.address,
      parsed,
      name: entry.name ?? parsed.name,
      action,
      replacePaths: change.replace_paths ?? [],
      importing: change.importing !== undefined && change.importing !== null,
    };
    if (entry.previous_address !== undefined) out.previousAddress = entry.previous_address;
    if (entry.deposed !== undefined) out.deposed = entry.deposed;
    if (entry.action_reason !== undefined) out.actionReason = entry.action_reason;
    if (change.before !== undefined) out.before = change.before;
    if (change.after !== undefined) out.after = change.after;
    if (change.after_unknown !== undefined) out.afterUnknown = change.after_unknown;
    if (change.before_sensitive !== undefined) out.beforeSensitive = change.before_sensitive;
    if (change.after_sensitive !== undefined) out.afterSensitive = change.after_sensitive;
    this.changeCount += 1;
    const kept = this.options.change(out);
    if (kept !== undefined) this.changes.push(kept);
  }

  /** Reads a values representation (`{ root_module: {...}, outputs }`) into `into`. */
  private readStateValues(cursor: JsonCursor, path: string, depth: number, into: StateTarget): void {
    cursor.members(path, depth, 'an object', (member, child) => {
      if (member === 'root_module') this.readModule(cursor, child, depth + 1, into);
      else cursor.skip(child, depth + 1);
    });
  }

  /** A module of a values representation, its child modules included (recursively). */
  private readModule(cursor: JsonCursor, path: string, depth: number, into: StateTarget): void {
    const { out, wanted } = into;
    cursor.members(path, depth, 'an object', (member, child) => {
      if (member === 'resources') {
        cursor.elements(child, depth + 1, 'a list of resources', (_, element) => {
          const entry = parseWithSchema(
            planSchemas().stateResourceSchema,
            cursor.value(element, depth + 2),
            cursor.shown,
            element,
          );
          const parsed = parseResourceAddress(entry.address) as ResourceAddress;
          const mismatch = addressMismatch(parsed, entry);
          if (mismatch) throw cursor.error(element, mismatch);
          refuseRepeated(cursor, into.seen, entry.address, entry.address, element);
          if (!out || !wanted(parsed)) return;
          const keep = this.options.keepStateValues?.(parsed) ?? true;
          out.push({ address: entry.address, parsed, values: keep ? (entry.values ?? EMPTY) : EMPTY });
        });
      } else if (member === 'child_modules') {
        cursor.elements(child, depth + 1, 'a list of modules', (_, element) =>
          this.readModule(cursor, element, depth + 2, into),
        );
      } else cursor.skip(child, depth + 1);
    });
  }
}
