/**
 * An azure-native credential set whose credentials are known only after the update (a Key Vault secret
 * created in the same stack, say) has unknown secret IDs, not absent ones: ACR-055 says unknown, never
 * a failure on values it could not read.
 */
import { checkInventories } from '../../policies';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import { unknownBecause } from '../../policies/inventory/types';
import { pulumiRecord } from '../support/pulumi-records';

/** `result: message` of ACR-055 for a credential set with these credentials. */
function acr055(authCredentials: unknown): string[] {
  const registry = pulumiRecord('azure-native:containerregistry:Registry', 'acr', {
    registryName: 'contosoacrprod',
    resourceGroupName: 'rg-acr-prod',
    location: 'westeurope',
    sku: { name: 'Premium' },
  });
  const set = pulumiRecord('azure-native:containerregistry:CredentialSet', 'hub', {
    registryName: 'contosoacrprod',
    resourceGroupName: 'rg-acr-prod',
    credentialSetName: 'hub',
    loginServer: 'docker.io',
    authCredentials,
  });
  const inventory = inventoryFromPulumiResources([registry, set], {
    environment: 'prod',
    file: 'Pulumi.prod.yaml',
  });
  return checkInventories([inventory], { config: { order: ['prod'] } })
    .findings.filter((f) => f.ruleId === 'ACR-055')
    .map((f) => `${f.result}: ${f.message}`);
}

describe('azure-native credential sets with credentials not yet known', () => {
  const later = unknownBecause('known only after the update');

  it('are unknown when the list, or its first credential, is unknown', () => {
    for (const credentials of [later, [later]])
      expect(acr055(credentials)).toEqual([expect.stringMatching(/^unknown: /)]);
  });

  it('are judged when the secret IDs are known', () => {
    const vaulted = [
      {
        name: 'Credential1',
        usernameSecretIdentifier: 'https://kv-acr.vault.azure.net/secrets/hub-user',
        passwordSecretIdentifier: 'https://kv-acr.vault.azure.net/secrets/hub-password',
      },
    ];
    expect(acr055(vaulted)).toEqual([expect.stringMatching(/^pass: /)]);
    expect(
      acr055([{ name: 'Credential1', usernameSecretIdentifier: 'user', passwordSecretIdentifier: 'pw' }]),
    ).toEqual([expect.stringMatching(/^fail: /)]);
  });
});
