/**
 * The deletion gate (ACR-115) over Pulumi previews and the edges of the chain: a replaced registry or
 * a deleted resource group in a Pulumi preview fails in a promotion target; the first environment and
 * configurations (which show no change) are not applicable; a rename with a moved block passes; a plan
 * Terraform marks incomplete or errored never passes.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Finding } from '../../policies';
import {
  evaluate,
  inventoryFromCdktfJson,
  inventoryFromPlanJson,
  inventoryFromPulumiPreviewJson,
  resolvePolicyConfig,
} from '../../policies';
import type { Doc } from './helpers';
import { FIXTURES, fixture } from './helpers';

const PREVIEW = path.join(__dirname, '..', 'fixtures', 'preview', 'plans', 'prod-preview.json');
const URN = 'urn:pulumi:prod::acr-iac::acr-iac:index:Registry$azure-native:';
const config = resolvePolicyConfig({ order: ['dev', 'staging', 'prod'] });

function gate(findings: readonly Finding[]): string[] {
  return findings
    .filter((f) => f.ruleId === 'ACR-115')
    .map((f) => `${f.environment} ${f.result} ${f.location.address}: ${f.message}`);
}

function preview(): Doc {
  return JSON.parse(readFileSync(PREVIEW, 'utf8'));
}

describe('ACR-115 on Pulumi previews', () => {
  it('fails a replaced registry and reports a lock whose scope it cannot read as unknown', () => {
    const result = evaluate([inventoryFromPulumiPreviewJson(preview(), 'prod', 'prod-preview.json')], config);
    expect(gate(result.findings)).toEqual([
      `prod unknown ${URN}authorization:ManagementLockByScope::acr-delete-lock: management lock acr-delete-lock is deleted; whether it protects a registry is not known from this input`,
      `prod fail ${URN}containerregistry:Registry::contosoacrprod: registry contosoacrprod is replaced: the new registry starts empty`,
    ]);
    expect(result.mandatoryFailures).toBeGreaterThan(0);
  });

  it('fails a deleted resource group holding the registry, linked by name or by its dependency', () => {
    const doc = preview();
    const rg = doc.steps.find((s: Doc) => s.urn.endsWith('ResourceGroup::rg-acr-prod'));
    rg.op = 'delete';
    rg.oldState = rg.oldState ?? rg.newState;
    delete rg.newState;
    const findings = gate(
      evaluate([inventoryFromPulumiPreviewJson(doc, 'staging', 'staging.json')], config).findings,
    );
    expect(findings).toContain(
      `staging fail ${URN}resources:ResourceGroup::rg-acr-prod: resource group rg-acr-prod is deleted, and registry contosoacrprod in it with it: every image is lost`,
    );
  });

  it('is not applicable in the first environment of the chain', () => {
    const result = evaluate([inventoryFromPulumiPreviewJson(preview(), 'dev', 'dev.json')], config);
    expect(gate(result.findings)).toEqual([
      `dev not-applicable ${URN}containerregistry:Registry::contosoacrprod: dev is the first environment of the chain, not a promotion target`,
    ]);
  });
});

describe('ACR-115 on plans and configurations', () => {
  it('passes a rename done with a moved block (previous_address, no delete)', () => {
    const registry = {
      address: 'azurerm_container_registry.main',
      previous_address: 'azurerm_container_registry.primary',
      mode: 'managed',
      type: 'azurerm_container_registry',
      name: 'main',
      change: {
        actions: ['no-op'],
        before: { name: 'acrmain' },
        after: { name: 'acrmain' },
        after_unknown: {},
      },
    };
    const inventory = inventoryFromPlanJson(
      { format_version: '1.2', resource_changes: [registry] },
      'prod',
      'prod.json',
    );
    expect(inventory.removals).toEqual([]);
    expect(gate(evaluate([inventory], config).findings)).toEqual([
      'prod pass azurerm_container_registry.main: no registry, resource group or lock is deleted or replaced',
    ]);
  });

  it('does not count a replacement whose old object is forgotten, not destroyed', () => {
    const change = {
      address: 'azurerm_container_registry.main',
      type: 'azurerm_container_registry',
      change: { actions: ['create', 'forget'], before: { name: 'acrmain' }, after: { name: 'acrmain2' } },
    };
    expect(
      inventoryFromPlanJson({ format_version: '1.2', resource_changes: [change] }, 'prod', 'p.json').removals,
    ).toEqual([]);
  });

  it.each([
    [
      { complete: false },
      'the plan is not complete (complete = false): some changes are deferred to a later run',
    ],
    [{ errored: true }, 'Terraform reported errors while planning: the plan is incomplete'],
  ])('does not pass a plan that may not show every change (%j)', (flags, reason) => {
    const registry = {
      address: 'azurerm_container_registry.main',
      mode: 'managed',
      type: 'azurerm_container_registry',
      name: 'main',
      change: {
        actions: ['no-op'],
        before: { name: 'acrmain' },
        after: { name: 'acrmain' },
        after_unknown: {},
      },
    };
    const inventory = inventoryFromPlanJson(
      { format_version: '1.2', ...flags, resource_changes: [registry] },
      'prod',
      'prod.json',
    );
    expect(gate(evaluate([inventory], config).findings)).toEqual([
      `prod unknown azurerm_container_registry.main: no registry, resource group or lock is deleted or replaced in what the change shows, but it may not show everything: ${reason}`,
    ]);
  });

  it('is not applicable to a synthesized configuration, which shows no change', () => {
    const result = evaluate([inventoryFromCdktf()], config);
    expect(gate(result.findings).map((f) => f.replace(/ \S+: /, ': '))).toEqual([
      'prod not-applicable: this input is a configuration, not a change: deletions are judged on plans and previews',
    ]);
  });
});

function inventoryFromCdktf() {
  return inventoryFromCdktfJson(fixture('prod.cdk.tf.json'), 'prod', path.join(FIXTURES, 'prod.cdk.tf.json'));
}
