/**
 * ACR-011 on hand-written Terraform: quarantine passes only with a scanner that can release images.
 * A quarantine webhook with `status = "disabled"` posts no notifications (azurerm
 * azurerm_container_registry_webhook: `status`, "Specifies if this Webhook triggers notifications or
 * not", enabled or disabled; ARM WebhookStatus), so it is no scanner.
 */
import { evaluate, inventoryFromTerraformJson, resolvePolicyConfig } from '../../policies';

type Json = Record<string, unknown>;

function acr011(webhook: Json, variable: Json = {}): string[] {
  const resource = {
    azurerm_container_registry: {
      acr: {
        name: 'contosoacrprod',
        resource_group_name: 'rg-a',
        location: 'westeurope',
        sku: 'Premium',
        quarantine_policy_enabled: true,
      },
    },
    azurerm_container_registry_webhook: {
      scanner: {
        name: 'scanner',
        resource_group_name: 'rg-a',
        registry_name: '${azurerm_container_registry.acr.name}',
        location: 'westeurope',
        service_uri: 'https://scanner.example.com/hook',
        actions: ['quarantine'],
        ...webhook,
      },
    },
  };
  const inventory = inventoryFromTerraformJson({ variable, resource }, 'prod', 'prod/main.tf.json');
  return evaluate([inventory], resolvePolicyConfig({ order: ['prod'] }))
    .findings.filter((f) => f.ruleId === 'ACR-011')
    .map((f) => `${f.result}: ${f.message}`);
}

describe('a quarantine webhook', () => {
  it('is a scanner when enabled (the default)', () => {
    expect(acr011({})).toEqual(['pass: quarantine is enabled on contosoacrprod with a scanner']);
    expect(acr011({ status: 'enabled' })).toEqual([
      'pass: quarantine is enabled on contosoacrprod with a scanner',
    ]);
  });

  it('is no scanner when disabled', () => {
    expect(acr011({ status: 'disabled' })).toEqual([
      'fail: quarantine is enabled on contosoacrprod but no scanner webhook or AcrQuarantineWriter can release images',
    ]);
  });

  it('leaves ACR-011 unknown when its status is not decided', () => {
    expect(acr011({ status: '${var.status}' }, { status: { type: 'string' } })).toEqual([
      expect.stringMatching(
        /^unknown: whether a scanner can release images from contosoacrprod is not known: var\.status/,
      ),
    ]);
  });
});
