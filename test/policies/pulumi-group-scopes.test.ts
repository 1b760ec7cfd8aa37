/**
 * Grants and locks at a resource group in a Pulumi preview of a program this toolkit did not write.
 * Such a program writes `resourceGroupName: group.name` on the registry and `scope: group.id` or
 * `resourceGroupName: group.name` on grants and locks: a preview shows those as unknown until apply,
 * with the group as the input's dependency. A grant or a lock at a resource group applies to every
 * resource in it (Azure RBAC and management locks are inherited by the resources of the scope), so it
 * is the registry's when the registry is in that group: known by name, or by both taking their group
 * from the same resource group resource.
 */
import type { Inventory } from '../../policies';
import { checkInventories } from '../../policies';
import {
  PULUMI_UNKNOWN_SENTINEL,
  inventoryFromPulumiPreviewJson,
} from '../../policies/inventory/pulumi-preview/read';
import type { Doc } from './helpers';
import { fixture } from './helpers';

const ACR_PUSH =
  '/subscriptions/00000000-0000-0000-0000-000000000000/providers/Microsoft.Authorization/roleDefinitions/8311e382-0749-4cb8-b61a-304f252e45ec';
const GROUP_ID = '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-acr-prod';
const STACK = 'urn:pulumi:prod::acr-iac::';

/** The prod preview, its registry's resource group and the steps `more` adds. */
interface Preview {
  readonly doc: Doc;
  /** URN of the preview's resource group `rg-acr-prod`. */
  readonly group: string;
  /** The registry's step. */
  readonly registry: Doc;
  /** Adds a created resource of `type` with `inputs` and `dependencies`. */
  add(type: string, name: string, inputs: Doc, dependencies?: Record<string, string[]>): void;
  /** Removes the steps of `type`. */
  drop(type: string): void;
}

function preview(): Preview {
  const doc: Doc = fixture('prod-preview.json');
  const stateOf = (type: string): Doc => doc.steps.find((s: Doc) => s.newState?.type === type);
  return {
    doc,
    group: stateOf('azure-native:resources:ResourceGroup').urn,
    registry: stateOf('azure-native:containerregistry:Registry'),
    add(type, name, inputs, dependencies = {}) {
      const urn = `${STACK}${type}::${name}`;
      doc.steps.push({
        op: 'create',
        urn,
        newState: { urn, custom: true, type, inputs, protect: false, propertyDependencies: dependencies },
      });
    },
    drop(type) {
      doc.steps = doc.steps.filter((s: Doc) => s.newState?.type !== type);
    },
  };
}

/** The registry takes its resource group from `group.name` (unknown until apply). */
function registryInGroupResource(p: Preview): void {
  p.registry.newState.inputs.resourceGroupName = PULUMI_UNKNOWN_SENTINEL;
  p.registry.newState.propertyDependencies.resourceGroupName = [p.group];
}

/** One rule's outcomes on the registry, as `result: message`. */
function outcomes(p: Preview, ruleId: string): string[] {
  const inventory: Inventory = inventoryFromPulumiPreviewJson(p.doc, 'prod', 'prod-preview.json');
  return checkInventories([inventory], { config: { order: ['prod'] } })
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => `${f.result}: ${f.message}`);
}

const GRANT = 'azure-native:authorization:RoleAssignment';
const RESOURCE_LOCK = 'azure-native:authorization:ManagementLockAtResourceLevel';
const GROUP_LOCK = 'azure-native:authorization:ManagementLockAtResourceGroupLevel';

const pushAt = (scope: string) => ({
  principalId: '66666666-6666-6666-6666-666666666666',
  principalType: 'ServicePrincipal',
  roleDefinitionId: ACR_PUSH,
  scope,
});

describe("a registry whose resource group is the program's group resource (group.name)", () => {
  it('gets the grants at that resource group (ACR-024 fails, not passes)', () => {
    const p = preview();
    registryInGroupResource(p);
    p.add(GRANT, 'ci-push-literal', pushAt(GROUP_ID));
    expect(outcomes(p, 'ACR-024')).toEqual([expect.stringMatching(/^fail: .*AcrPush.* on contosoacrprod$/)]);
    const q = preview();
    registryInGroupResource(q);
    q.add(GRANT, 'ci-push-ref', pushAt(PULUMI_UNKNOWN_SENTINEL), { scope: [q.group] });
    expect(outcomes(q, 'ACR-024')).toEqual([expect.stringMatching(/^fail: .*AcrPush.* on contosoacrprod$/)]);
    // An auto-named group (`new ResourceGroup('rg')`): its name too is known only after apply.
    q.doc.steps.find((s: Doc) => s.urn === q.group).newState.inputs.resourceGroupName =
      PULUMI_UNKNOWN_SENTINEL;
    expect(outcomes(q, 'ACR-024')).toEqual([expect.stringMatching(/^fail: .*AcrPush.* on contosoacrprod$/)]);
  });

  it('is protected by a delete lock on that resource group (ACR-018 passes, not fails)', () => {
    const p = preview();
    registryInGroupResource(p);
    p.drop(RESOURCE_LOCK);
    expect(outcomes(p, 'ACR-018')).toEqual(['fail: contosoacrprod has no CanNotDelete lock']);
    p.add(GROUP_LOCK, 'group-lock', {
      level: 'CanNotDelete',
      lockName: 'keep',
      resourceGroupName: 'rg-acr-prod',
    });
    expect(outcomes(p, 'ACR-018')).toEqual(['pass: contosoacrprod has a delete lock']);
  });
});

describe('a delete lock whose resource group is a reference to the group resource', () => {
  const SCOPE_LOCK = 'azure-native:authorization:ManagementLockByScope';
  /** ACR-018 with the fixture's own lock replaced by a CanNotDelete lock of `type` whose `input` is `group.id`/`group.name`. */
  function lockedVia(type: string, input: string, group?: (p: Preview) => string): string[] {
    const p = preview();
    p.drop(RESOURCE_LOCK);
    if (!group)
      p.add('azure-native:resources:ResourceGroup', 'rg-other', {
        location: 'westeurope',
        resourceGroupName: 'rg-other',
      });
    const dependency = group ? group(p) : `${STACK}azure-native:resources:ResourceGroup::rg-other`;
    p.add(
      type,
      'lock',
      { level: 'CanNotDelete', lockName: 'keep', [input]: PULUMI_UNKNOWN_SENTINEL },
      { [input]: [dependency] },
    );
    return outcomes(p, 'ACR-018');
  }
  const ownGroup = (p: Preview): string => p.group;

  it('protects the registries of that group (ACR-018 passes, not fails)', () => {
    const PASS = ['pass: contosoacrprod has a delete lock'];
    // ManagementLockAtResourceGroupLevel with resourceGroupName: group.name.
    expect(lockedVia(GROUP_LOCK, 'resourceGroupName', ownGroup)).toEqual(PASS);
    // ManagementLockByScope with scope: group.id.
    expect(lockedVia(SCOPE_LOCK, 'scope', ownGroup)).toEqual(PASS);
  });

  it('does not protect a registry of another group of the stack', () => {
    expect(lockedVia(SCOPE_LOCK, 'scope')).toEqual(['fail: contosoacrprod has no CanNotDelete lock']);
  });
});

describe("a delete lock at a registry's child resource", () => {
  it("is not the registry's (ACR-018 does not pass on it), as on the Terraform side", () => {
    // A lock inherits down, from a scope to the resources in it; a lock on a replication is the
    // replication's. Only at the registry's own ID (in any case) is it the registry's.
    const at = (scope: string): string[] => {
      const p = preview();
      p.drop(RESOURCE_LOCK);
      p.add('azure-native:authorization:ManagementLockByScope', 'lock', {
        level: 'CanNotDelete',
        lockName: 'keep',
        scope,
      });
      return outcomes(p, 'ACR-018');
    };
    const registry = `${GROUP_ID}/providers/Microsoft.ContainerRegistry/registries/contosoacrprod`;
    expect(at(`${registry}/replications/northeurope`)).toEqual([
      'fail: contosoacrprod has no CanNotDelete lock',
    ]);
    expect(at(registry.toUpperCase())).toEqual(['pass: contosoacrprod has a delete lock']);
  });
});

describe('a registry whose resource group the preview does not show', () => {
  it('may get the grants at any resource group (ACR-024 unknown, not passed)', () => {
    // The group is an output of something the stack does not create as a group (unknown, no group dependency).
    const p = preview();
    p.registry.newState.inputs.resourceGroupName = PULUMI_UNKNOWN_SENTINEL;
    p.add(GRANT, 'ci-push-team', pushAt(GROUP_ID.replace('rg-acr-prod', 'rg-team')));
    expect(outcomes(p, 'ACR-024')).toEqual([
      expect.stringMatching(
        /^unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible.*ci-push-team at resource group rg-team may reach it/,
      ),
    ]);
    // Without a grant at a resource group there is nothing it may get.
    const q = preview();
    q.registry.newState.inputs.resourceGroupName = PULUMI_UNKNOWN_SENTINEL;
    expect(outcomes(q, 'ACR-024')).toEqual(['pass: nothing but promotion can push into contosoacrprod']);
  });
});

describe('a delete lock on the subscription (ManagementLockAtSubscriptionLevel)', () => {
  it('protects the registries of the stack (ACR-018 passes, not fails)', () => {
    // It locks the provider's subscription; like grants at a subscription scope, it reaches every
    // registry of the input.
    const p = preview();
    p.drop(RESOURCE_LOCK);
    p.add('azure-native:authorization:ManagementLockAtSubscriptionLevel', 'subscription-lock', {
      level: 'CanNotDelete',
      lockName: 'keep',
    });
    expect(outcomes(p, 'ACR-018')).toEqual(['pass: contosoacrprod has a delete lock']);
  });
});
