/**
 * The one reader of `pulumi preview --json` output (FACTS.md section 8), for `check` and `preview`
 * alike: each step is read, validated against the schema below and handed to the caller, which keeps
 * what it needs. Unknown extra keys are accepted; an unknown `op`, a malformed URN or a state that is
 * not an object is an error naming the JSON path.
 */
import type { ZodType } from 'zod';
import type { JsonCursor } from '../json-stream';
import { canonicalPulumiType } from '../../../constructs/model/pulumi-types';
import { lazySchema } from '../lazy-schema';
import { expecting, isJsonObject, parseWithSchema } from '../schema-errors';

type JsonRecord = Readonly<Record<string, unknown>>;

/** Step operations of the Pulumi engine (sdk/go/common/display `StepOp`). */
export const PULUMI_OPS = [
  'same',
  'create',
  'update',
  'delete',
  'replace',
  'create-replacement',
  'delete-replaced',
  'read',
  'read-replacement',
  'refresh',
  'discard',
  'discard-replaced',
  'remove-pending-replace',
  'import',
  'import-replacement',
  // Not printed by current engines; kept for previews written by older ones.
  'read-discard',
] as const;

/** A step operation. */
export type PulumiOp = (typeof PULUMI_OPS)[number];

/**
 * `urn:pulumi:<stack>::<project>::<parent$...$type>::<name>`: the type token (its default spelling,
 * see canonicalPulumiType) and the name.
 */
export function urnParts(urn: string): { readonly type: string; readonly name: string } | undefined {
  const parts = urn.split('::');
  if (!urn.startsWith('urn:pulumi:') || parts.length < 4) return undefined;
  const type = canonicalPulumiType(parts[2].split('$').pop() ?? '');
  const name = parts.slice(3).join('::');
  return type !== '' && name !== '' ? { type, name } : undefined;
}

/**
 * What a step does in Azure: deleting a resource marked `retainOnDelete` only drops it from the stack
 * (Pulumi's engine, DeleteStep.Apply: deleting a "drop on delete" resource is a no-op in the cloud),
 * as `discard` does, so it reads as that op; the copy a replacement leaves is likewise discarded.
 */
function retainedOp(op: PulumiOp, old: StepState | null | undefined): PulumiOp {
  if (old?.retainOnDelete !== true) return op;
  if (op === 'delete') return 'discard';
  return op === 'delete-replaced' ? 'discard-replaced' : op;
}

/**
 * A resource state as read (Pulumi's ResourceV3): the parts the readers use. Written out, not inferred
 * from the schema, so the public declarations do not reach zod's; the schema is checked against it.
 */
export interface StepState {
  readonly [key: string]: unknown;
  readonly urn?: string | undefined;
  readonly type?: string | undefined;
  readonly custom?: boolean | undefined;
  readonly protect?: boolean | undefined;
  readonly external?: boolean | undefined;
  readonly parent?: string | undefined;
  readonly inputs?: JsonRecord | undefined;
  readonly outputs?: JsonRecord | undefined;
  readonly propertyDependencies?: Record<string, string[]> | undefined;
  readonly dependencies?: string[] | undefined;
}

/** The schemas of a preview's parts, built on first use (see lazy-schema.ts). */
const schemas = lazySchema((z) => {
  const text = z.string(expecting('a string'));
  const urn = text.refine((value) => urnParts(value) !== undefined, {
    error: 'expected a Pulumi URN (urn:pulumi:<stack>::<project>::<type>::<name>)',
  });
  const record = z.custom<JsonRecord>(isJsonObject, expecting('an object'));
  const strings = z.array(text, expecting('a list of strings'));

  const stateSchema: ZodType<StepState> = z.looseObject(
    {
      urn: urn.optional(),
      type: text.min(1, expecting('a non-empty string')).optional(),
      custom: z.boolean(expecting('true or false')).optional(),
      protect: z.boolean(expecting('true or false')).optional(),
      external: z.boolean(expecting('true or false')).optional(),
      parent: text.optional(),
      inputs: record.optional(),
      outputs: record.optional(),
      propertyDependencies: z.record(z.string(), strings, expecting('an object')).optional(),
      dependencies: strings.optional(),
    },
    expecting('an object or null'),
  );

  const stepSchema = z.looseObject(
    {
      op: z.enum(PULUMI_OPS, expecting(`one of ${PULUMI_OPS.map((o) => JSON.stringify(o)).join(', ')}`)),
      urn,
      oldState: stateSchema.nullable().optional(),
      newState: stateSchema.nullable().optional(),
      replaceReasons: strings.nullable().optional(),
      diffReasons: strings.nullable().optional(),
    },
    expecting('an object'),
  );

  const diagnosticsSchema = z.array(
    z.looseObject({ severity: text.optional() }, expecting('an object')),
    expecting('a list'),
  );

  return { record, stepSchema, diagnosticsSchema };
});

/** One validated step. */
export interface PreviewStep {
  /** Its JSON path, for messages (`steps[3]`). */
  readonly path: string;
  /** Bytes the step takes in the document. */
  readonly bytes: number;
  readonly op: PulumiOp;
  readonly urn: string;
  /** The resource's own type token, from the URN (`azure-native:containerregistry:Registry`). */
  readonly type: string;
  /** The resource's logical name, from the URN. */
  readonly name: string;
  readonly oldState?: StepState;
  readonly newState?: StepState;
  readonly replaceReasons: readonly string[];
}

/** What a caller wants from a preview. */
export interface PreviewReadOptions<S> {
  /** Maps each step to what the caller keeps (undefined: nothing). Called in document order. */
  readonly step: (step: PreviewStep) => S | undefined;
}

/** What was read. */
export interface PreviewRead<S> {
  readonly steps: readonly S[];
  /** Number of diagnostics of severity `error`. */
  readonly errors: number;
}

/** Reads the top-level members of a Pulumi preview; the document walk is in read-document.ts. */
export class PreviewReader<S> {
  private readonly steps: S[] = [];
  private errors = 0;
  private seen = false;

  constructor(private readonly options: PreviewReadOptions<S>) {}

  /** True when the document had the members that make it a preview. */
  get isPreview(): boolean {
    return this.seen;
  }

  /** Reads the member `key` at the cursor; false when it is not one of a preview's. */
  readMember(cursor: JsonCursor, key: string, path: string): boolean {
    switch (key) {
      case 'steps':
        this.seen = true;
        cursor.elements(path, 1, 'a list of steps', (_, element) => this.readStep(cursor, element));
        return true;
      case 'changeSummary':
        this.seen = true;
        parseWithSchema(schemas().record, cursor.value(path, 1), cursor.shown, path);
        return true;
      case 'diagnostics': {
        const diagnostics = parseWithSchema(
          schemas().diagnosticsSchema,
          cursor.value(path, 1),
          cursor.shown,
          path,
        );
        this.errors = diagnostics.filter((d) => d.severity === 'error').length;
        return true;
      }
      default:
        return false;
    }
  }

  /** The result; call after the whole document was read and found to be a preview. */
  result(): PreviewRead<S> {
    return { steps: this.steps, errors: this.errors };
  }

  private readStep(cursor: JsonCursor, path: string): void {
    const { value, bytes } = cursor.valueWithSize(path, 2);
    const entry = parseWithSchema(schemas().stepSchema, value, cursor.shown, path);
    const { type, name } = urnParts(entry.urn) as { type: string; name: string };
    const step: PreviewStep = {
      path,
      bytes,
      op: retainedOp(entry.op, entry.oldState),
      urn: entry.urn,
      type,
      name,
      ...(entry.oldState ? { oldState: entry.oldState } : {}),
      ...(entry.newState ? { newState: entry.newState } : {}),
      replaceReasons: entry.replaceReasons ?? [],
    };
    const kept = this.options.step(step);
    if (kept !== undefined) this.steps.push(kept);
  }
}
