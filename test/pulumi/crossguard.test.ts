/**
 * The CrossGuard policies, called with fabricated arguments (a PolicyPack is never constructed: its
 * constructor starts a gRPC server). Resources come from the program under mocks, shaped as CrossGuard
 * hands them over: props behind the unknown-checking proxy, unknowns as CrossGuard's sentinels.
 */
import type { PolicyResource, StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import * as proxy from '@pulumi/policy/proxy';
import { crossGuardPolicies } from '../../policies/crossguard/policies';
import { plainProps, recordsFromPolicyResources, stackOfUrn } from '../../policies/crossguard/convert';
import { policyConfigFromEstate } from '../../policies/config';
import type { PulumiResourceRecord } from '../../policies/inventory/pulumi-resources/build';
import { runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';
import { UNKNOWN, isUnknown } from '../../policies/inventory/types';
import { definePulumiProgram } from '../../stacks/pulumi-stack';
import { loadEstate } from '../../stacks/estate';

const runtimeProxy = proxy as unknown as {
  unknownCheckingProxy: (v: unknown) => Record<string, unknown>;
  unknownStringValue: string;
};

function toPolicyValue(value: unknown): unknown {
  if (isUnknown(value)) return runtimeProxy.unknownStringValue;
  if (Array.isArray(value)) return value.map(toPolicyValue);
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    if (record.secret === true && 'value' in record) return toPolicyValue(record.value);
    return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, toPolicyValue(v)]));
  }
  return value;
}

/** CrossGuard's view of the recorded resources. */
function policyResources(
  records: readonly PulumiResourceRecord[],
  edit: (r: PulumiResourceRecord) => Record<string, unknown> = (r) => ({ ...r.inputs }),
): PolicyResource[] {
  const byUrn = new Map<string, PolicyResource>();
  const resources = records.map((r) => {
    const resource = {
      type: r.type,
      name: r.name,
      urn: r.urn,
      props: runtimeProxy.unknownCheckingProxy(toPolicyValue(edit(r))),
      opts: {
        protect: r.protect,
        ignoreChanges: [],
        aliases: [],
        customTimeouts: {},
        additionalSecretOutputs: [],
      },
      dependencies: [],
      propertyDependencies: {},
      isType: () => false,
      asType: () => undefined,
    } as unknown as PolicyResource;
    byUrn.set(r.urn, resource);
    return resource;
  });
  records.forEach((r, i) => {
    const resource = resources[i] as {
      parent?: PolicyResource | undefined;
      propertyDependencies: Record<string, PolicyResource[]>;
    };
    resource.parent = r.parent ? byUrn.get(r.parent) : undefined;
    for (const [key, urns] of Object.entries(r.propertyDependencies)) {
      resource.propertyDependencies[key] = urns
        .map((u) => byUrn.get(u))
        .filter((x): x is PolicyResource => x !== undefined);
    }
  });
  return resources;
}

class NotApplicable extends Error {}

function validate(
  policy: StackValidationPolicy,
  resources: PolicyResource[],
): { messages: string[]; urns: (string | undefined)[]; notApplicable: boolean } {
  const messages: string[] = [];
  const urns: (string | undefined)[] = [];
  const args: StackValidationArgs = {
    resources,
    stackTags: new Map(),
    getConfig: <T extends object>() => ({}) as T,
    notApplicable: (reason?: string) => {
      throw new NotApplicable(reason);
    },
  };
  try {
    void policy.validateStack(args, (message, urn) => {
      messages.push(message);
      urns.push(urn);
    });
  } catch (error) {
    if (error instanceof NotApplicable) return { messages, urns, notApplicable: true };
    throw error;
  }
  return { messages, urns, notApplicable: false };
}

const policies = crossGuardPolicies({ config: policyConfigFromEstate(loadEstate()) });
const openPublicAccess = (r: PulumiResourceRecord) =>
  r.type === 'azure-native:containerregistry:Registry'
    ? { ...r.inputs, publicNetworkAccess: 'Enabled' }
    : { ...r.inputs };

async function record(stack: string): Promise<readonly PulumiResourceRecord[]> {
  const result = await runUnderMocks(() => definePulumiProgram(), { stack });
  return result.resources;
}

describe('CrossGuard policies', () => {
  let prod: readonly PulumiResourceRecord[];
  let dev: readonly PulumiResourceRecord[];
  beforeAll(async () => {
    prod = await record('prod');
    dev = await record('dev');
  });

  it('has a mandatory and an advisory policy per rule, named by rule ID', () => {
    const mandatory = policies.filter((p) => p.enforcementLevel === 'mandatory');
    const advisory = policies.filter((p) => p.enforcementLevel === 'advisory');
    expect(mandatory.length).toBe(advisory.length);
    expect(mandatory.every((p) => /^[A-Z]+-\d+$/.test(p.name))).toBe(true);
    expect(advisory.every((p) => p.name.endsWith('-advisory'))).toBe(true);
  });

  it('reports no mandatory violation on the default prod stack', () => {
    const resources = policyResources(prod);
    const violations = policies
      .filter((p) => p.enforcementLevel === 'mandatory')
      .flatMap((p) => validate(p, resources).messages);
    expect(violations).toEqual([]);
  });

  it('reports a weakened prod registry through a mandatory policy, naming the rule and the URN', () => {
    const resources = policyResources(prod, openPublicAccess);
    const hits = policies
      .filter((p) => p.enforcementLevel === 'mandatory')
      .map((p) => ({ policy: p.name, ...validate(p, resources) }))
      .filter((r) => r.messages.length > 0);
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      expect(hit.messages[0].startsWith(`${hit.policy} `)).toBe(true);
      expect(hit.urns[0]).toMatch(/^urn:pulumi:prod::acr-iac::/);
    }
  });

  it('reports a weakened dev registry only through advisory policies', () => {
    const enableAdmin = (r: PulumiResourceRecord) =>
      r.type === 'azure-native:containerregistry:Registry'
        ? { ...r.inputs, adminUserEnabled: true }
        : { ...r.inputs };
    const resources = policyResources(dev, enableAdmin);
    const results = policies.map((p) => ({ level: p.enforcementLevel, ...validate(p, resources) }));
    expect(results.filter((r) => r.level === 'mandatory').flatMap((r) => r.messages)).toEqual([]);
    expect(results.filter((r) => r.level === 'advisory').flatMap((r) => r.messages).length).toBeGreaterThan(
      0,
    );
  });

  it('marks a policy not applicable on a stack without registries', () => {
    expect(
      validate(
        policies[0],
        policyResources(prod.filter((r) => r.type === 'azure-native:resources:ResourceGroup')),
      ).notApplicable,
    ).toBe(true);
  });

  it('reads props behind the proxy and turns CrossGuard unknowns into UNKNOWN', () => {
    const props = runtimeProxy.unknownCheckingProxy({
      scope: runtimeProxy.unknownStringValue,
      nested: { list: [runtimeProxy.unknownStringValue] },
    });
    expect(plainProps(props)).toEqual({ scope: UNKNOWN, nested: { list: [UNKNOWN] } });
    const records = recordsFromPolicyResources(policyResources(prod));
    expect(records.find((r) => r.type === 'azure-native:containerregistry:Registry')?.protect).toBe(true);
    expect(stackOfUrn(records[0].urn)).toBe('prod');
  });
});
