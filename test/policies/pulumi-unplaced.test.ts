/**
 * Attachments in a Pulumi preview that the builder cannot attach to a registry of the stack: on a
 * registry outside it (`registryName: 'sharedacr'`), or whose registry is known only after apply and
 * depends on no registry of the stack (`registryName: name`, the same interpolated output the
 * registry is given, which depends on a random suffix). They must not vanish: the first is judged
 * on its own (an http webhook still fails ACR-020), the second may be any registry's (ACR-111, and the
 * registry's own rules are unknown rather than failed). The Terraform builder keeps both as
 * `Inventory.unattached`; the Pulumi builder now does too.
 */
import type { Inventory } from '../../policies';
import { checkInventories } from '../../policies';
import {
  PULUMI_UNKNOWN_SENTINEL,
  inventoryFromPulumiPreviewJson,
} from '../../policies/inventory/pulumi-preview/read';
import type { Doc } from './helpers';
import { fixture } from './helpers';

const STACK = 'urn:pulumi:prod::acr-iac::';
const WEBHOOK = 'azure-native:containerregistry:Webhook';
const DIAGNOSTIC = 'azure-native:monitor:DiagnosticSetting';
const RANDOM = `${STACK}random:index/randomString:RandomString::suffix`;

function preview(): Doc {
  const doc: Doc = fixture('prod-preview.json');
  doc.steps.push({
    op: 'create',
    urn: RANDOM,
    newState: { urn: RANDOM, custom: true, type: 'random:index/randomString:RandomString', inputs: {} },
  });
  return doc;
}

function add(doc: Doc, type: string, name: string, inputs: Doc, dependencies: Doc = {}): void {
  const urn = `${STACK}${type}::${name}`;
  doc.steps.push({
    op: 'create',
    urn,
    newState: { urn, custom: true, type, inputs, protect: false, propertyDependencies: dependencies },
  });
}

const hook = (registryName: string) => ({
  actions: ['push'],
  location: 'westeurope',
  registryName,
  resourceGroupName: 'rg-acr-prod',
  serviceUri: 'http://hooks.example.com/acr',
  status: 'enabled',
  webhookName: 'plainhttp',
});

function outcomes(doc: Doc, ruleId: string): string[] {
  const inventory: Inventory = inventoryFromPulumiPreviewJson(doc, 'prod', 'prod-preview.json');
  return checkInventories([inventory], { config: { order: ['prod'] } })
    .findings.filter((f) => f.ruleId === ruleId && f.result !== 'not-applicable')
    .map((f) => `${f.result}: ${f.message}`);
}

describe('an attachment the Pulumi builder cannot attach to a registry of the stack', () => {
  it('on a registry outside the stack is still judged (ACR-020 fails an http webhook)', () => {
    const doc = preview();
    add(doc, WEBHOOK, 'shared-hook', hook('sharedacr'));
    expect(outcomes(doc, 'ACR-020')).toContainEqual(expect.stringMatching(/^fail: .*plainhttp/));
  });

  it('whose registry is known only after apply may be any registry of the stack', () => {
    const doc = preview();
    add(doc, WEBHOOK, 'later-hook', hook(PULUMI_UNKNOWN_SENTINEL), { registryName: [RANDOM] });
    expect(outcomes(doc, 'ACR-020')).toContainEqual(expect.stringMatching(/^fail: .*plainhttp/));
    expect(outcomes(doc, 'ACR-111')).toEqual([
      expect.stringMatching(/^unknown: the registry of webhook plainhttp \(.*later-hook\) is not decided/),
    ]);
    // The registry's own audit diagnostics gone, one whose resource is known only after apply may be its.
    doc.steps = doc.steps.filter((s: Doc) => s.newState?.type !== DIAGNOSTIC);
    expect(outcomes(doc, 'ACR-017')).toEqual([expect.stringMatching(/^fail: /)]);
    add(doc, DIAGNOSTIC, 'later-diagnostics', {
      logs: [{ categoryGroup: 'audit', enabled: true }],
      name: 'audit',
      resourceUri: PULUMI_UNKNOWN_SENTINEL,
      workspaceId: '/subscriptions/0/resourceGroups/m/providers/Microsoft.OperationalInsights/workspaces/w',
    });
    expect(outcomes(doc, 'ACR-017')).toEqual([expect.stringMatching(/^unknown: .*later-diagnostics/)]);
  });
});

describe('a grant or a task whose registry is known only after apply', () => {
  it('may push into the registry (ACR-024 unknown, not passed)', () => {
    const doc = preview();
    expect(outcomes(doc, 'ACR-024')).toEqual(['pass: nothing but promotion can push into contosoacrprod']);
    add(
      doc,
      'azure-native:authorization:RoleAssignment',
      'later-push',
      {
        principalId: '66666666-6666-6666-6666-666666666666',
        roleDefinitionId:
          '/subscriptions/0/providers/Microsoft.Authorization/roleDefinitions/8311e382-0749-4cb8-b61a-304f252e45ec',
        scope: PULUMI_UNKNOWN_SENTINEL,
      },
      { scope: [] },
    );
    expect(outcomes(doc, 'ACR-024')).toEqual([
      expect.stringMatching(
        /^unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible.*later-push/,
      ),
    ]);
    const tasks = preview();
    add(tasks, 'azure-native:containerregistry:Task', 'later-build', {
      registryName: PULUMI_UNKNOWN_SENTINEL,
      taskName: 'build',
      step: { type: 'Docker', dockerFilePath: 'Dockerfile', imageNames: ['app:{{.Run.ID}}'] },
    });
    expect(outcomes(tasks, 'ACR-024')).toEqual([
      expect.stringMatching(
        /^unknown: the grants, tokens, tasks, imports and cache rules of contosoacrprod are not all visible.*later-build/,
      ),
    ]);
  });
});

describe('a geo-replica whose registry is known only after apply', () => {
  it("may be the registry's (ACR-008 unknown, not failed)", () => {
    const doc = preview();
    const REPLICATION = 'azure-native:containerregistry:Replication';
    doc.steps = doc.steps.filter((s: Doc) => s.newState?.type !== REPLICATION);
    expect(outcomes(doc, 'ACR-008')).toEqual(['fail: contosoacrprod has no geo-replica']);
    add(
      doc,
      REPLICATION,
      'later-replica',
      { location: 'northeurope', registryName: PULUMI_UNKNOWN_SENTINEL, resourceGroupName: 'rg-acr-prod' },
      { registryName: [RANDOM] },
    );
    expect(outcomes(doc, 'ACR-008')).toEqual([
      expect.stringMatching(/^unknown: the geo-replicas of contosoacrprod are not known: .*later-replica/),
    ]);
  });
});
