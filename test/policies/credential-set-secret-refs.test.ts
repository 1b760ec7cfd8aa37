/**
 * A credential set's secret IDs given by reference (ACR-055). azurerm documents an
 * `azurerm_key_vault_secret`'s `versionless_id` as "The Base ID of the Key Vault Secret"
 * (`https://<vault>.vault.azure.net/secrets/<name>`), the versionless form a credential set takes: a
 * reference to it is a Key Vault secret ID whatever its text at apply, as the AVM's `cache-rules`
 * example writes it. Any other reference is unknown, naming it; a literal is judged as written.
 * Inputs: hand-written Terraform JSON (azurerm and azapi) and a plan of it, where the reference is
 * `after_unknown` with the secret in the configuration's references.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkInventories, inventoryFromPlanJson } from '../../policies';
import { planFromCdktf } from '../support/plan-from-cdktf';
import { findingsOn, folderPerTest } from './helpers';

const VAULT =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-kv/providers/Microsoft.KeyVault/vaults/kv-platform';

/** A root module with a registry, two Key Vault secrets and a credential set whose IDs are `username`, `password`. */
function module(username: string, password: string, azapi = false): Record<string, unknown> {
  const secret = (name: string) => ({ name, value: 'placeholder', key_vault_id: VAULT });
  const set = azapi
    ? {
        azapi_resource: {
          hub: {
            type: 'Microsoft.ContainerRegistry/registries/credentialSets@2023-07-01',
            name: 'dockerhub',
            parent_id: '${azurerm_container_registry.acr.id}',
            body: {
              properties: {
                loginServer: 'docker.io',
                authCredentials: [
                  {
                    name: 'Credential1',
                    usernameSecretIdentifier: username,
                    passwordSecretIdentifier: password,
                  },
                ],
              },
            },
          },
        },
      }
    : {
        azurerm_container_registry_credential_set: {
          hub: {
            name: 'dockerhub',
            container_registry_id: '${azurerm_container_registry.acr.id}',
            login_server: 'docker.io',
            identity: { type: 'SystemAssigned' },
            authentication_credentials: { username_secret_id: username, password_secret_id: password },
          },
        },
      };
  return {
    variable: { password_id: { type: 'string' } },
    resource: {
      azurerm_container_registry: {
        acr: {
          name: 'contosoacrdev',
          resource_group_name: 'rg-acr-dev',
          location: 'westeurope',
          sku: 'Premium',
        },
      },
      azurerm_key_vault_secret: { user: secret('hub-user'), token: secret('hub-token') },
      ...set,
    },
  };
}

const USER = '${azurerm_key_vault_secret.user.versionless_id}';
const TOKEN = '${azurerm_key_vault_secret.token.versionless_id}';

describe('credential set secret IDs by reference', () => {
  const dir = folderPerTest('acr-secret-refs-');

  function acr055(doc: Record<string, unknown>): string[] {
    writeFileSync(path.join(dir(), 'main.tf.json'), JSON.stringify(doc));
    return findingsOn(dir(), ['ACR-055'], undefined, 'dev');
  }

  it.each([false, true])(
    'pass as Key Vault secret IDs when they are versionless_id references (azapi: %s)',
    (azapi) => {
      expect(acr055(module(USER, TOKEN, azapi))).toEqual([
        'ACR-055 pass: credential set dockerhub reads its credentials from Key Vault',
      ]);
    },
  );

  it('still fail on a literal that is no Key Vault secret ID beside a reference', () => {
    expect(acr055(module(USER, 'hunter2'))).toEqual([
      'ACR-055 fail: credential set dockerhub has 1 credential(s) that are not Key Vault secret IDs',
    ]);
  });

  it('are unknown, naming the reference, when it is another attribute or a variable without a value', () => {
    expect(acr055(module(USER, '${azurerm_key_vault_secret.token.id}'))).toEqual([
      'ACR-055 unknown: a secret ID of credential set dockerhub is unknown: it is azurerm_key_vault_secret.token.id, known only when Terraform plans or applies',
    ]);
    expect(acr055(module(USER, '${var.password_id}'))).toEqual([
      expect.stringMatching(
        /^ACR-055 unknown: a secret ID of credential set dockerhub is unknown: .*var\.password_id/,
      ),
    ]);
  });

  it('pass in a plan, where the IDs are after_unknown with the secrets among the references', () => {
    const plan = planFromCdktf(module(USER, TOKEN));
    const inventory = inventoryFromPlanJson(plan, 'dev', 'dev.plan.json');
    const findings = checkInventories([inventory], { config: { order: ['dev'] } }).findings;
    expect(findings.filter((f) => f.ruleId === 'ACR-055').map((f) => `${f.result}: ${f.message}`)).toEqual([
      'pass: credential set dockerhub reads its credentials from Key Vault',
    ]);
  });
});
