/**
 * A configuration whose `required_providers` constraints accept no azurerm 4.x release runs on
 * azurerm v3, where the syntax v4 removed still works: `retention_policy { enabled, days }`,
 * `trust_policy { enabled }` and diagnostic `log` blocks are read for what they mean there. ACR-030
 * still names each use (azurerm v4 rejects it), saying the configuration requires v3. Without such a
 * constraint the checker reads azurerm v4, where those settings are unknown.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { azurermV3Constraint } from '../../policies/inventory/terraform-json/provider-versions';
import { findingsOn, folderPerTest } from './helpers';

const dir = folderPerTest('acr-azurerm-v3-');

/** A root module with a v3-style registry and diagnostic setting, under `terraform`. */
function check(terraform: Record<string, unknown> | undefined, rules: readonly string[]): string[] {
  const module = {
    ...(terraform ? { terraform } : {}),
    resource: {
      azurerm_container_registry: {
        acr: {
          name: 'contosoacrprod',
          resource_group_name: 'rg-acr-prod',
          location: 'westeurope',
          sku: 'Premium',
          retention_policy: [{ enabled: true, days: 30 }],
          trust_policy: [{ enabled: true }],
        },
      },
      azurerm_monitor_diagnostic_setting: {
        audit: {
          name: 'audit',
          target_resource_id: '${azurerm_container_registry.acr.id}',
          log_analytics_workspace_id:
            '/subscriptions/0/resourceGroups/m/providers/Microsoft.OperationalInsights/workspaces/w',
          log: [
            { category: 'ContainerRegistryLoginEvents', enabled: true },
            { category: 'ContainerRegistryRepositoryEvents' },
          ],
        },
      },
    },
  };
  writeFileSync(path.join(dir(), 'main.tf.json'), JSON.stringify(module));
  return findingsOn(dir(), rules).map((f) => f.replace(/:.*/s, ''));
}

const pinned = (version: string) => ({
  required_providers: { azurerm: { source: 'hashicorp/azurerm', version } },
});

describe('a configuration pinned to azurerm v3', () => {
  it('reads retention, content trust and log blocks as v3 does', () => {
    expect(check(pinned('~> 3.100'), ['ACR-012', 'ACR-013', 'ACR-017'])).toEqual([
      'ACR-012 pass',
      'ACR-013 pass',
      'ACR-017 pass',
    ]);
    expect(check(pinned('>= 3.0, < 4.0'), ['ACR-012'])).toEqual(['ACR-012 pass']);
    // The legacy string form of a requirement.
    expect(check({ required_providers: { azurerm: '~> 3.0' } }, ['ACR-012'])).toEqual(['ACR-012 pass']);
  });

  it('still names each use v4 removed, saying the configuration requires v3', () => {
    const [first] = findingsOnPinned();
    expect(first).toBe(
      'ACR-030 fail: `retention_policy` on azurerm_container_registry.acr was removed in azurerm 4.0: it works on the azurerm v3 this configuration requires (~> 3.100), and azurerm v4 rejects it at plan time; use `retention_policy_in_days` (1-365; 0 is off)',
    );
  });

  it('reads azurerm v4 when a constraint accepts a 4.x release, or there is none', () => {
    expect(check(pinned('>= 3.0'), ['ACR-012', 'ACR-017'])).toEqual(['ACR-012 unknown', 'ACR-017 unknown']);
    expect(check(undefined, ['ACR-012'])).toEqual(['ACR-012 unknown']);
  });
});

describe('a child module pinned to azurerm v3', () => {
  const root = folderPerTest('acr-azurerm-v3-child-');

  /** A root calling ./acr, whose registry uses v3 retention; `child` and `top` are the constraints. */
  function checkChild(child: string, top?: string): string[] {
    mkdirSync(path.join(root(), 'acr'), { recursive: true });
    const constraint = (version: string) => ({
      terraform: { required_providers: { azurerm: { source: 'hashicorp/azurerm', version } } },
    });
    writeFileSync(
      path.join(root(), 'main.tf.json'),
      JSON.stringify({ ...(top ? constraint(top) : {}), module: { acr: { source: './acr' } } }),
    );
    writeFileSync(
      path.join(root(), 'acr', 'main.tf.json'),
      JSON.stringify({
        ...constraint(child),
        resource: {
          azurerm_container_registry: {
            this: {
              name: 'contosoacrprod',
              resource_group_name: 'rg-acr-prod',
              location: 'westeurope',
              sku: 'Premium',
              retention_policy: { enabled: true, days: 14 },
            },
          },
        },
      }),
    );
    return findingsOn(root(), ['ACR-012']).map((f) => f.replace(/:.*/s, ''));
  }

  it('pins the whole configuration, as Terraform installs one azurerm for it', () => {
    expect(checkChild('~> 3.100')).toEqual(['ACR-012 pass']);
    // Constraints no version meets together: Terraform stops at init; read as v4.
    expect(checkChild('~> 3.100', '~> 4.0')).toEqual(['ACR-012 unknown']);
  });
});

/** ACR-030 on the pinned module (the full messages). */
function findingsOnPinned(): string[] {
  check(pinned('~> 3.100'), []);
  return findingsOn(dir(), ['ACR-030']);
}

describe('azurermV3Constraint', () => {
  it.each([
    [['~> 3.22'], '~> 3.22'],
    [['>= 3.0, < 4.0'], '>= 3.0, < 4.0'],
    [['3.116.0'], '3.116.0'],
    [['~> 3.0', '>= 3.50'], '~> 3.0, >= 3.50'],
    [['>= 3.0'], undefined],
    [['~> 4.0'], undefined],
    [['~> 3.0', '~> 4.0'], undefined],
    [['not a version'], undefined],
    [[], undefined],
  ])('%j', (constraints, expected) => {
    expect(azurermV3Constraint(constraints as string[])).toBe(expected);
  });
});
