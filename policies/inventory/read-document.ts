/**
 * Reads one JSON input that may be a Terraform plan or a Pulumi preview, and tells which by its
 * top-level keys (never by file name): `format_version` with `resource_changes` or `planned_values`
 * is a plan, `steps` or `changeSummary` (without `format_version`) a preview, anything else is
 * returned as `other` with its keys (a cdk.tf.json, say) for the caller to judge. One walk over the
 * document, shared by `check` and `preview`, so both accept and refuse exactly the same inputs with
 * the same messages.
 */
import { InventoryInputError } from './errors';
import type { JsonCursor } from './json-stream';
import type { PlanRead, PlanReadOptions } from './plan/document';
import { PlanReader } from './plan/document';
import type { PreviewRead, PreviewReadOptions } from './pulumi-preview/document';
import { PreviewReader } from './pulumi-preview/document';
import { withJsonBuffer, withJsonCursor } from './read-json';

/** What an input turned out to be. */
export type InputDocument<T, S> =
  | { readonly format: 'terraform-plan'; readonly plan: PlanRead<T> }
  | { readonly format: 'pulumi-preview'; readonly preview: PreviewRead<S> }
  | { readonly format: 'other'; readonly keys: ReadonlySet<string> };

/** What the caller wants of each format (a format without options is only checked, not kept). */
export interface ReadDocumentOptions<T, S> {
  readonly plan?: PlanReadOptions<T>;
  readonly preview?: PreviewReadOptions<S>;
}

const NOTHING = (): undefined => undefined;

/** Reads the document at the cursor. Throws InventoryInputError for malformed input. */
export function readDocument<T, S>(
  cursor: JsonCursor,
  options: ReadDocumentOptions<T, S>,
): InputDocument<T, S> {
  const plan = new PlanReader<T>(options.plan ?? { change: NOTHING });
  const preview = new PreviewReader<S>(options.preview ?? { step: NOTHING });
  const keys = new Set<string>();
  if (cursor.peekKind() !== 'object') {
    // Parsing first reports text that is not JSON at all as such.
    cursor.value('', 0);
    throw cursor.error('', 'expected a JSON object');
  }
  cursor.members('', 0, 'a JSON object', (key, path) => {
    keys.add(key);
    if (!plan.readMember(cursor, key, path) && !preview.readMember(cursor, key, path)) cursor.skip(path, 1);
  });
  cursor.finish();
  if (keys.has('format_version')) {
    if (plan.isPlan) return { format: 'terraform-plan', plan: plan.result() };
    if (keys.has('values'))
      throw cursor.error('', 'is Terraform state, not a plan: use `terraform show -json <planfile>`');
    throw cursor.error(
      '',
      'is Terraform JSON without resource_changes or planned_values: use `terraform show -json <planfile>`',
    );
  }
  if (preview.isPreview) return { format: 'pulumi-preview', preview: preview.result() };
  return { format: 'other', keys };
}

/** Reads the input file `file` (shown as `shown`) in pieces. */
export function readDocumentFile<T, S>(
  file: string,
  shown: string,
  options: ReadDocumentOptions<T, S>,
): InputDocument<T, S> {
  return withJsonCursor(file, shown, (cursor) => readDocument(cursor, options));
}

/**
 * Reads an already parsed document (library callers, tests) through the same walk as a file, so it
 * is held to the same schema and limits.
 */
export function readParsedDocument<T, S>(
  doc: unknown,
  shown: string,
  options: ReadDocumentOptions<T, S>,
): InputDocument<T, S> {
  let text: string | undefined;
  try {
    text = JSON.stringify(doc);
  } catch {
    throw new InventoryInputError(`${shown}: cannot be serialized as JSON`);
  }
  if (text === undefined) throw new InventoryInputError(`${shown}: expected a JSON object`);
  return withJsonBuffer(Buffer.from(text, 'utf8'), shown, (cursor) => readDocument(cursor, options));
}
