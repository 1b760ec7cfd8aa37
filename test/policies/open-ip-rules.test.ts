/**
 * ACR-004 on an IP allow list that admits the whole internet. ACR network rules take "IPv4 address or
 * CIDR range" (https://learn.microsoft.com/cli/azure/acr/network-rule, `--ip-address`), and the
 * default action applies only "when no other rules match" (ARM `NetworkRuleSet.defaultAction`,
 * Microsoft.ContainerRegistry REST spec): with `default_action = "Deny"`, an allow rule for
 * `0.0.0.0/0` (or ranges that together cover every address) leaves the registry open to every network,
 * as the default action Allow does. A range not known before apply decides nothing.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Finding } from '../../policies';
import { checkInventories, checkPaths } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import {
  PULUMI_UNKNOWN_SENTINEL,
  inventoryFromPulumiPreviewJson,
} from '../../policies/inventory/pulumi-preview/read';
import { previewFromMockRun } from '../support/pulumi-preview-fixture';
import { synthOne } from '../support/cdktf';
import { env } from '../support/declarations';
import { renderEstate } from '../pulumi/helpers';
import type { Doc } from './helpers';
import { evaluateDoc } from './helpers';

/** `result: message` of the ACR-004 findings. */
function acr004(findings: readonly Finding[]): string[] {
  return findings.filter((f) => f.ruleId === 'ACR-004').map((f) => `${f.result}: ${f.message}`);
}

/** A public Premium registry denying by default, with `ip_rule` blocks of these ranges. */
function registryModule(
  ranges: readonly string[],
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...extra,
    resource: {
      azurerm_container_registry: {
        acr: {
          name: 'contosoacrprod',
          resource_group_name: 'rg-acr-prod',
          location: 'westeurope',
          sku: 'Premium',
          public_network_access_enabled: true,
          network_rule_set: [
            {
              default_action: 'Deny',
              ip_rule: ranges.map((ip_range) => ({ action: 'Allow', ip_range })),
            },
          ],
        },
      },
    },
  };
}

describe('ACR-004 on an IP allow list that admits every address', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-open-ip-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function checkFile(name: string, doc: unknown): string[] {
    writeFileSync(path.join(dir, name), JSON.stringify(doc));
    return acr004(checkPaths([path.join(dir, name)], { environment: 'prod', cwd: dir }).findings);
  }

  describe('hand-written Terraform JSON', () => {
    it.each([
      [['0.0.0.0/0'], 'rule 0.0.0.0/0 admits'],
      [['203.0.113.0/24', '::/0'], 'rule ::/0 admits'],
      [['128.0.0.0/1', '10.0.0.0/8', '0.0.0.0/1'], 'rules 0.0.0.0/1, 128.0.0.0/1 admit'],
    ])('fails %j, naming the rule', (ranges, named) => {
      expect(checkFile('main.tf.json', registryModule(ranges))).toEqual([
        `fail: contosoacrprod denies by default but its IP ${named} every address on the internet`,
      ]);
    });

    it('passes an allow list of specific ranges, even large ones that leave a gap', () => {
      expect(
        checkFile('main.tf.json', registryModule(['203.0.113.0/24', '0.0.0.0/1', '128.0.0.0/2'])),
      ).toEqual(['pass: contosoacrprod denies networks outside its allow list']);
    });

    it('is unknown when a range comes from a variable without a value, and fails when a known one is open', () => {
      const variable = { variable: { office: { type: 'string' } } };
      const [unknown] = checkFile(
        'main.tf.json',
        registryModule(['203.0.113.0/24', '${var.office}'], variable),
      );
      expect(unknown).toMatch(
        /^unknown: whether the IP rules of contosoacrprod admit every address is unknown: var\.office/,
      );
      expect(checkFile('main.tf.json', registryModule(['${var.office}', '0.0.0.0/0'], variable))).toEqual([
        'fail: contosoacrprod denies by default but its IP rule 0.0.0.0/0 admits every address on the internet',
      ]);
    });
    it('fails an azapi_update_resource body whose ipRules (ARM `value`) admit every address', () => {
      const module = registryModule(['203.0.113.0/24']) as { resource: Record<string, unknown> };
      module.resource.azapi_update_resource = {
        acr: {
          type: 'Microsoft.ContainerRegistry/registries@2025-11-01',
          resource_id: '${azurerm_container_registry.acr.id}',
          body: {
            properties: {
              networkRuleSet: { defaultAction: 'Deny', ipRules: [{ action: 'Allow', value: '0.0.0.0/0' }] },
            },
          },
        },
      };
      expect(checkFile('main.tf.json', module)).toEqual([
        'fail: contosoacrprod denies by default but its IP rule 0.0.0.0/0 admits every address on the internet',
      ]);
    });
  });

  describe('a Terraform plan', () => {
    function planOf(rule: Record<string, unknown>, unknown: Record<string, unknown>): unknown {
      return {
        format_version: '1.2',
        terraform_version: '1.9.8',
        resource_changes: [
          {
            address: 'azurerm_container_registry.acr',
            mode: 'managed',
            type: 'azurerm_container_registry',
            name: 'acr',
            provider_name: 'registry.terraform.io/hashicorp/azurerm',
            change: {
              actions: ['create'],
              before: null,
              after: {
                name: 'contosoacrprod',
                resource_group_name: 'rg-acr-prod',
                location: 'westeurope',
                sku: 'Premium',
                public_network_access_enabled: true,
                network_rule_set: [{ default_action: 'Deny', ip_rule: [rule] }],
              },
              after_unknown: { network_rule_set: [{ ip_rule: [unknown] }] },
              before_sensitive: false,
              after_sensitive: {},
            },
          },
        ],
      };
    }

    it('fails a known 0.0.0.0/0 rule', () => {
      expect(checkFile('prod.plan.json', planOf({ action: 'Allow', ip_range: '0.0.0.0/0' }, {}))).toEqual([
        'fail: contosoacrprod denies by default but its IP rule 0.0.0.0/0 admits every address on the internet',
      ]);
    });

    it('is unknown for a range known only after apply', () => {
      expect(checkFile('prod.plan.json', planOf({ action: 'Allow' }, { ip_range: true }))).toEqual([
        'unknown: whether the IP rules of contosoacrprod admit every address is only known after apply',
      ]);
    });
  });

  it('fails the synthesized cdktf stack of a declaration that allows 0.0.0.0/0', () => {
    const stack = synthOne(
      env('prod', {
        publicNetworkAccess: true,
        networkRules: { defaultAction: 'Deny', ipRanges: ['0.0.0.0/0'] },
      }),
    );
    expect(acr004(evaluateDoc(stack).findings)).toEqual([
      'fail: acrprodtest denies by default but its IP rule 0.0.0.0/0 admits every address on the internet',
    ]);
  });

  it('fails the Pulumi components of that declaration, and their preview', async () => {
    const runs = await renderEstate({
      environments: [
        env('prod', {
          publicNetworkAccess: true,
          networkRules: { defaultAction: 'Deny', ipRanges: ['0.0.0.0/0'] },
        }),
      ],
    });
    const run = runs.get('prod')!;
    const fromProgram = inventoryFromPulumiResources(run.resources, {
      environment: 'prod',
      file: 'Pulumi.prod.yaml',
    });
    const preview = previewFromMockRun(run, { project: 'acr-iac', stack: 'prod', providerVersion: '3.0.0' });
    const fromPreview = inventoryFromPulumiPreviewJson(preview, 'prod', 'prod-preview.json');
    for (const inventory of [fromProgram, fromPreview])
      expect(acr004(checkInventories([inventory], { config: { order: ['prod'] } }).findings)).toEqual([
        'fail: acrprodtest denies by default but its IP rule 0.0.0.0/0 admits every address on the internet',
      ]);
  });

  it('is unknown for a Pulumi preview whose range is known only after apply', async () => {
    const runs = await renderEstate({
      environments: [
        env('prod', {
          publicNetworkAccess: true,
          networkRules: { defaultAction: 'Deny', ipRanges: ['203.0.113.0/24', '198.51.100.7'] },
        }),
      ],
    });
    const preview = previewFromMockRun(runs.get('prod')!, {
      project: 'acr-iac',
      stack: 'prod',
      providerVersion: '3.0.0',
    });
    const fromPreview = () => inventoryFromPulumiPreviewJson(preview, 'prod', 'prod-preview.json');
    const check = () => acr004(checkInventories([fromPreview()], { config: { order: ['prod'] } }).findings);
    expect(check()).toEqual(['pass: acrprodtest denies networks outside its allow list']);
    const registry = (preview.steps as Doc[]).find(
      (s) => s.newState?.type === 'azure-native:containerregistry:Registry',
    );
    registry.newState.inputs.networkRuleSet.ipRules[1].iPAddressOrRange = PULUMI_UNKNOWN_SENTINEL;
    expect(check()).toEqual([
      'unknown: whether the IP rules of acrprodtest admit every address is only known after apply',
    ]);
  });
});
