/**
 * Builds a `pulumi preview --json` document from a real run of the Pulumi program under mocks, shaped as
 * the Pulumi CLI prints the preview of a new stack: every resource a `create` step whose newState is a
 * ResourceV3 (secrets as `[secret]`, values unknown before apply as Pulumi's sentinel), the stack and
 * the engine's default provider included.
 *
 * Regenerate the committed fixture (after a change to the program or to stacks/environments.ts):
 *
 *   npx tsx test/support/pulumi-preview-fixture.ts prod test/fixtures/policies/prod-preview.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { PulumiResourceRecord } from '../../policies/inventory/pulumi-resources/build';
import type { MockRunResult } from '../../policies/inventory/pulumi-program/mocks';
import { runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';
import { PULUMI_UNKNOWN_SENTINEL } from '../../policies/inventory/pulumi-preview/read';
import { readStackConfigFile } from '../../policies/inventory/pulumi-program/run';
import { SECRET_PLACEHOLDER } from '../../policies/inventory/pulumi-resources/values';
import { isUnknown } from '../../policies/inventory/types';
import { definePulumiProgram } from '../../stacks/pulumi-stack';

type JsonObject = Record<string, unknown>;

/** What a preview needs to know besides the recorded resources. */
export interface PreviewShape {
  readonly project: string;
  readonly stack: string;
  /** Version of the azure-native provider the engine would load by default. */
  readonly providerVersion: string;
  /** Stack config as `pulumi preview --json` prints it (secrets already `[secret]`). */
  readonly config?: Readonly<Record<string, string>>;
}

/** A value as the Pulumi CLI prints it: secrets hidden, unknowns as the sentinel. */
export function toPreviewValue(value: unknown): unknown {
  if (isUnknown(value)) return PULUMI_UNKNOWN_SENTINEL;
  if (Array.isArray(value)) return value.map(toPreviewValue);
  if (typeof value !== 'object' || value === null) return value;
  const record = value as JsonObject;
  if (record.secret === true && 'value' in record) return SECRET_PLACEHOLDER;
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, toPreviewValue(v)]));
}

function defaultProviderUrn(shape: PreviewShape): string {
  const version = shape.providerVersion.replace(/\./g, '_');
  return `urn:pulumi:${shape.stack}::${shape.project}::pulumi:providers:azure-native::default_${version}`;
}

/** The ResourceV3 a create leaves in the preview's new state. */
function newStateOf(record: PulumiResourceRecord, provider: string): JsonObject {
  const inputs = toPreviewValue(record.inputs);
  const dependencies = record.dependencies
    ? [...record.dependencies]
    : [...new Set(Object.values(record.propertyDependencies).flat())].sort();
  return {
    urn: record.urn,
    custom: record.custom,
    type: record.type,
    inputs,
    // In a preview, a create's outputs are its inputs; what the provider computes is still unknown.
    outputs: record.custom ? { ...(inputs as JsonObject), id: PULUMI_UNKNOWN_SENTINEL } : {},
    ...(record.parent ? { parent: record.parent } : {}),
    protect: record.protect,
    ...(record.custom ? { provider: `${provider}::${PULUMI_UNKNOWN_SENTINEL}` } : {}),
    ...(dependencies.length > 0 ? { dependencies } : {}),
    propertyDependencies: record.propertyDependencies,
  };
}

function createStep(newState: JsonObject): JsonObject {
  return { op: 'create', urn: newState.urn, newState, detailedDiff: null };
}

/** The preview document of a new stack whose program registered `run.resources`. */
export function previewFromMockRun(run: MockRunResult, shape: PreviewShape): JsonObject {
  const provider = defaultProviderUrn(shape);
  const stack = run.resources.find((r) => r.type === 'pulumi:pulumi:Stack');
  const others = run.resources.filter((r) => r !== stack);
  const steps: JsonObject[] = [];
  // The engine registers the stack first and loads the default provider before the first resource.
  if (stack) {
    const state = newStateOf(stack, provider);
    steps.push(createStep({ ...state, outputs: toPreviewValue(run.outputs) }));
  }
  steps.push(
    createStep({
      urn: provider,
      custom: true,
      type: 'pulumi:providers:azure-native',
      inputs: { version: shape.providerVersion },
      outputs: { version: shape.providerVersion },
      protect: false,
    }),
  );
  steps.push(...others.map((r) => createStep(newStateOf(r, provider))));
  return {
    ...(shape.config ? { config: shape.config } : {}),
    steps,
    duration: 0,
    changeSummary: { create: steps.length },
  };
}

/** Runs the program of `stack` (config from `cwd`) under mocks and returns its preview document. */
export async function generatePulumiPreview(stack: string, cwd = process.cwd()): Promise<JsonObject> {
  const values = readStackConfigFile(stack, cwd);
  const run = await runUnderMocks(() => definePulumiProgram(), {
    project: values.project,
    stack,
    config: values.config,
    secretKeys: values.secretKeys,
  });
  const pkg = JSON.parse(readFileSync(path.join(cwd, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>;
  };
  return previewFromMockRun(run, {
    project: values.project,
    stack,
    providerVersion: pkg.devDependencies['@pulumi/azure-native'].replace(/^[^\d]*/, ''),
    config: values.config,
  });
}

if (require.main === module) {
  const [stack = 'prod', out = `test/fixtures/policies/${stack}-preview.json`] = process.argv.slice(2);
  generatePulumiPreview(stack)
    .then((doc) => {
      writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
      console.log(`wrote ${out}`);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
