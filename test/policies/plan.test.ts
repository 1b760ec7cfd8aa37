/**
 * Terraform plan JSON: values unknown until apply are UNKNOWN (not failures), references from the
 * configuration section keep attachments linked, and suppression files apply and report unused entries.
 */
import path from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import { addSuppression } from '../../constructs/cdktf/suppressions';
import {
  InventoryInputError,
  checkPaths,
  inventoryFromPlanJson,
  isUnknown,
  parseSuppressionsFile,
} from '../../policies';
import { FIXTURES, fixture } from './helpers';

const plan = (name: string): string => path.join(FIXTURES, name);

describe('plan JSON adapter', () => {
  it('links endpoints, grants, tokens and diagnostics through configuration references', () => {
    const inventory = inventoryFromPlanJson(fixture('staging.plan.json'), 'staging', 'staging.plan.json');
    const [registry] = inventory.registries;
    expect(registry.name).toBe('contosoacrstaging');
    expect(registry.privateEndpoints.map((e) => e.dnsZones.map((z) => [z.name, z.vnetLinks.length]))).toEqual(
      [[['privatelink.azurecr.io', 1]]],
    );
    expect(registry.roleAssignments.map((g) => g.role.name)).toEqual(['AcrPull']);
    expect(registry.tokens[0].actions).toEqual(['repositories/apps/*/content/read']);
    expect(registry.tokens[0].passwords.map((p) => p.expires)).toEqual([true]);
    expect(isUnknown(registry.networkDefaultAction)).toBe(true);
    expect(isUnknown(registry.preventDestroy)).toBe(true);
  });

  it('reports unknown values as unknown results, and fails known ones', () => {
    const result = checkPaths([plan('staging-update.plan.json')], { environment: 'staging', cwd: FIXTURES });
    const of = (id: string): string[] => result.findings.filter((f) => f.ruleId === id).map((f) => f.result);
    expect(of('ACR-003')).toEqual(['unknown']);
    expect(of('ACR-001')).toEqual(['fail']);
    expect(result.findings.every((f) => f.location.file === 'staging-update.plan.json')).toBe(true);
  });

  it('rejects unsupported format versions and unknown documents with one line', () => {
    expect(() =>
      inventoryFromPlanJson({ format_version: '2.0', resource_changes: [] }, 'x', 'p.json'),
    ).toThrow(
      new InventoryInputError(
        'p.json: format_version: unsupported Terraform plan format_version "2.0" (this tool reads 1.x, and 0.x for old files)',
      ),
    );
    expect(() => checkPaths([plan('suppressions.json')], { environment: 'x', cwd: FIXTURES })).toThrow(
      /unknown format/,
    );
  });

  it('applies a suppressions file, keeps the finding visible and reports unused suppressions', () => {
    const result = checkPaths([plan('staging.plan.json')], {
      environment: 'staging',
      cwd: FIXTURES,
      suppressionsFile: 'suppressions.json',
    });
    const http = result.findings.find((f) => f.ruleId === 'ACR-020');
    expect(http?.result).toBe('suppressed');
    expect(http?.suppression?.origin).toBe('file');
    expect(result.mandatoryFailures).toBe(0);
    expect(result.unusedSuppressions.map((u) => [u.suppression.ruleId, u.note])).toEqual([
      ['ACR-015', 'matched no failing or unknown finding'],
    ]);
    const without = checkPaths([plan('staging.plan.json')], { environment: 'staging', cwd: FIXTURES });
    expect(without.mandatoryFailures).toBe(1);
  });

  it('rejects suppressions without a scope or with a short reason', () => {
    const bad =
      (entry: object): (() => unknown) =>
      () =>
        parseSuppressionsFile(JSON.stringify({ suppressions: [entry] }), 's.json', () => true);
    expect(bad({ rule: 'ACR-001', reason: 'long enough reason' })).toThrow(/needs a scope/);
    expect(bad({ rule: 'ACR-001', environment: 'dev', reason: 'short' })).toThrow(/at least 10 characters/);
  });
});

describe('addSuppression', () => {
  it('writes suppressions into cdk.tf.json next to the construct metadata', () => {
    const app = new App();
    const stack = new TerraformStack(app, 'dev');
    const group = new ResourceGroup(stack, 'rg', { name: 'rg-x', location: 'westeurope' });
    addSuppression(group, 'ACR-009', 'resource group lives in a shared region');
    addSuppression(stack, 'ACR-001', 'applies to every resource below the stack');
    const json = JSON.parse(JSON.stringify(stack.toTerraform()));
    expect(json.resource.azurerm_resource_group.rg['//']).toEqual({
      'acr-iac': {
        suppressions: [
          { ruleId: 'ACR-009', reason: 'resource group lives in a shared region' },
          { ruleId: 'ACR-001', reason: 'applies to every resource below the stack' },
        ],
      },
      metadata: { path: 'dev/rg', uniqueId: 'rg' },
    });
    expect(() => addSuppression(group, 'ACR-001', 'short')).toThrow(/at least 10 characters/);
  });
});
