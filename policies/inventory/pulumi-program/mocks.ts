/**
 * Runs a Pulumi program in-process under `pulumi.runtime.setMocks`, as a preview, and records every
 * resource it registers (type, name, inputs, parent, protect, property dependencies). No Pulumi CLI and
 * no cloud account: this is how `acr-iac check --pulumi <stack>` and the tests see the resource graph.
 *
 * Like a real `pulumi preview`, values that Azure computes on create (resource IDs, principal IDs) are
 * unknown; the inventory adapter links resources through property dependencies instead.
 */
import * as pulumi from '@pulumi/pulumi';
import type { PulumiResourceRecord } from '../pulumi-resources/build';
import { UNKNOWN } from '../types';
import { compareCodeUnits } from '../../../constructs/model/order';
import { canonicalPulumiType } from '../../../constructs/model/pulumi-types';

// Defined with the value readers so the preview adapter can share it without loading the Pulumi runtime.
export { SECRET_PLACEHOLDER } from '../pulumi-resources/values';

/** The subscription the mocks report for `getClientConfig`. */
export const MOCK_SUBSCRIPTION_ID = '00000000-0000-0000-0000-000000000000';

/** What to run. */
export interface MockRunOptions {
  /** Project name (Pulumi.yaml `name`). @default 'acr-iac' */
  readonly project?: string;
  /** Stack name; `pulumi.getStack()` returns it. */
  readonly stack: string;
  /** Config, keys as `namespace:key` (values as Pulumi stores them: strings, JSON for structured). */
  readonly config?: Readonly<Record<string, string>>;
  /** Keys of `config` that are secrets. @default [] */
  readonly secretKeys?: readonly string[];
}

/** The outcome of a run: the recorded resources and the program's outputs. */
export interface MockRunResult {
  readonly resources: readonly PulumiResourceRecord[];
  readonly outputs: Readonly<Record<string, unknown>>;
}

const WIRE_UNKNOWN = pulumi.runtime.unknownValue;
const SIG_KEY = pulumi.runtime.specialSigKey;
const SECRET_SIG = pulumi.runtime.specialSecretSig;

/** Replaces wire unknowns with UNKNOWN and wire secrets with `{ secret: true, value }`. */
function normalize(value: unknown): unknown {
  if (value === WIRE_UNKNOWN || pulumi.isUnknown(value)) return UNKNOWN;
  if (Array.isArray(value)) return value.map(normalize);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (record[SIG_KEY] === SECRET_SIG) return { secret: true, value: normalize(record.value) };
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, normalize(v)]));
  }
  return value;
}

/** Answers the provider functions the components call during a preview. */
function mockCall(args: pulumi.runtime.MockCallArgs): Record<string, unknown> {
  switch (args.token) {
    case 'azure-native:authorization:getClientConfig':
      return {
        subscriptionId: MOCK_SUBSCRIPTION_ID,
        tenantId: MOCK_SUBSCRIPTION_ID,
        clientId: MOCK_SUBSCRIPTION_ID,
        objectId: MOCK_SUBSCRIPTION_ID,
      };
    case 'azure-native:containerregistry:getRegistry': {
      const inputs = args.inputs as { registryName?: string; resourceGroupName?: string };
      return {
        id: `/subscriptions/${MOCK_SUBSCRIPTION_ID}/resourceGroups/${inputs.resourceGroupName}/providers/Microsoft.ContainerRegistry/registries/${inputs.registryName}`,
        name: inputs.registryName,
        loginServer: `${String(inputs.registryName).toLowerCase()}.azurecr.io`,
      };
    }
    default:
      return {};
  }
}

const mocks: pulumi.runtime.Mocks = {
  // A create in preview: the state is the inputs; the ID and computed outputs stay unknown.
  newResource: (args) => ({ id: undefined, state: args.inputs as Record<string, unknown> }),
  call: mockCall,
};

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProtect(): boolean;
  getDependenciesList(): string[];
  getObject(): unknown;
  getPropertydependenciesMap(): {
    forEach(cb: (deps: { getUrnsList(): string[] }, key: string) => void): void;
  };
}

type Callback = (err: unknown, response: unknown) => void;

interface MockMonitorLike {
  registerResource(req: RegisterRequest, callback: Callback): Promise<void>;
}

function urnOf(response: unknown): string | undefined {
  const getter = (response as { getUrn?: () => string } | undefined)?.getUrn;
  return typeof getter === 'function' ? getter.call(response) : undefined;
}

/** The URNs a registration waits for, when it waits for any (a preview writes none otherwise). */
function dependenciesOf(req: RegisterRequest): { dependencies?: string[] } {
  const urns = req.getDependenciesList();
  return urns.length > 0 ? { dependencies: urns } : {};
}

/** Wraps the mock monitor so each registration is also recorded. */
function recordRegistrations(monitor: MockMonitorLike, out: PulumiResourceRecord[]): void {
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req, callback) =>
    register(req, (err, response) => {
      const urn = urnOf(response);
      if (!err && urn) {
        const propertyDependencies: Record<string, string[]> = {};
        req.getPropertydependenciesMap().forEach((deps, key) => {
          propertyDependencies[key] = deps.getUrnsList();
        });
        const object = req.getObject() as Parameters<typeof pulumi.runtime.deserializeProperties>[0];
        out.push({
          urn,
          type: canonicalPulumiType(req.getType()),
          name: req.getName(),
          custom: req.getCustom(),
          parent: req.getParent() || undefined,
          protect: req.getProtect() === true,
          inputs: normalize(pulumi.runtime.deserializeProperties(object, true)) as Record<string, unknown>,
          propertyDependencies,
          ...dependenciesOf(req),
        });
      }
      callback(err, response);
    });
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs `program` as a preview of `options.stack` under mocks and returns what it registered. Runs are
 * serialized: the Pulumi runtime keeps its settings and config in process-global state.
 */
export function runUnderMocks(program: () => unknown, options: MockRunOptions): Promise<MockRunResult> {
  const run = queue.then(() => withoutStackFrames(() => runOnce(program, options)));
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Pulumi's runtime records a formatted stack trace on every promise it makes, for its promise-leak report
 * (`debuggablePromise` in @pulumi/pulumi/runtime/debuggable.js), which prints them only when
 * PULUMI_DEBUG_PROMISE_LEAKS is set. Formatting them, through source maps under tsx or jest, was most of
 * a run's time (0.9 s of 1.1 s for the prod stack), so a run keeps no stack frames unless that variable
 * asks for them. Errors the program throws still carry their message; the CLI reports only that.
 */
async function withoutStackFrames<T>(work: () => Promise<T>): Promise<T> {
  if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return work();
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return await work();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

async function runOnce(program: () => unknown, options: MockRunOptions): Promise<MockRunResult> {
  const resources: PulumiResourceRecord[] = [];
  await pulumi.runtime.setMocks(mocks, options.project ?? 'acr-iac', options.stack, true);
  pulumi.runtime.setAllConfig({ ...(options.config ?? {}) }, [...(options.secretKeys ?? [])]);
  recordRegistrations(pulumi.runtime.getMonitor() as unknown as MockMonitorLike, resources);
  // An error thrown while the program builds resources is kept and rethrown once the runtime is idle:
  // left to the Stack resource it would surface as an unhandled rejection.
  let failure: { readonly error: unknown } | undefined;
  const outputs = await pulumi.runtime.runInPulumiStack(async () => {
    try {
      const returned = await program();
      return isPlainObject(returned) ? returned : undefined;
    } catch (error) {
      failure = { error };
      return undefined;
    }
  });
  await pulumi.runtime.disconnect();
  if (failure) throw failure.error;
  const ordered = [...resources].sort((a, b) => compareCodeUnits(a.urn, b.urn));
  return { resources: ordered, outputs: (outputs ?? {}) as Record<string, unknown> };
}
