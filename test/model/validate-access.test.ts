/**
 * Validation of the permission mode: repository scoping only under AbacRepositoryPermissions, roles the
 * mode does not honor, Docker Content Trust (an error in ABAC mode, a retirement warning otherwise),
 * the Notation signing declaration; a warning for a cache rule in a promotion target. Each problem has
 * its path and its fix.
 */
import type { RegistryDeclaration } from '../../constructs/model/declaration';
import { defineEstate, estateWarnings, validateEstate } from '../../constructs/model/estate';
import { formatProblem } from '../../constructs/model/problems';
import { PRINCIPAL, env, estateOf } from '../support/declarations';

const KEY_VAULT =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-sign';
const ABAC = { roleAssignmentMode: 'AbacRepositoryPermissions' } as const;

function problems(registry: Partial<RegistryDeclaration>): string[] {
  return validateEstate(estateOf(env('prod', registry))).all.map(formatProblem);
}

describe('permission mode validation', () => {
  it('rejects repository-scoped grants under the legacy mode, with the path and the fix', () => {
    expect(
      problems({
        roleAssignments: [{ role: 'AcrPull', principalId: PRINCIPAL, repositories: ['apps/*'] }],
      }),
    ).toEqual([
      'prod.registry.roleAssignments[0].repositories: repository-scoped grants need the AbacRepositoryPermissions mode (the registry is in LegacyRegistryPermissions, which honors no conditions). Fix: set roleAssignmentMode: "AbacRepositoryPermissions" on the registry, or remove repositories',
    ]);
    expect(
      problems({
        signing: { keyVaultId: KEY_VAULT, certificateName: 'release', repositories: ['apps/*'] },
      }),
    ).toEqual([
      expect.stringMatching(/^prod\.registry\.signing\.repositories: repository-scoped grants need/),
    ]);
  });

  it('rejects roles the mode does not honor and names the role to use', () => {
    expect(
      problems({
        ...ABAC,
        roleAssignments: [
          { role: 'AcrPull', principalId: PRINCIPAL },
          { role: 'Container Registry Repository Reader', principalId: PRINCIPAL, repositories: ['apps/*'] },
        ],
      }),
    ).toEqual([
      'prod.registry.roleAssignments[0].role: AcrPull is not honored in the AbacRepositoryPermissions mode, so the grant would give nothing. Fix: use "Container Registry Repository Reader" instead',
    ]);
    expect(
      problems({
        roleAssignments: [{ role: 'Container Registry Repository Writer', principalId: PRINCIPAL }],
      }),
    ).toEqual([
      'prod.registry.roleAssignments[0].role: Container Registry Repository Writer is not honored in the LegacyRegistryPermissions mode, so the grant would give nothing. Fix: use "AcrPush" instead',
    ]);
  });

  it('rejects conditions on roles that take none, bad repository patterns and unknown modes', () => {
    expect(
      problems({
        ...ABAC,
        roleAssignments: [
          { role: 'Container Registry Tasks Contributor', principalId: PRINCIPAL, repositories: ['apps/*'] },
          { role: 'Container Registry Repository Reader', principalId: PRINCIPAL, repositories: ['apps*'] },
        ],
      }).map((p) => p.split(':')[0]),
    ).toEqual([
      'prod.registry.roleAssignments[0].repositories',
      'prod.registry.roleAssignments[1].repositories',
    ]);
    expect(problems({ roleAssignmentMode: 'Abac' as never })).toEqual([
      'prod.registry.roleAssignmentMode: unknown role assignment mode "Abac". Fix: use one of LegacyRegistryPermissions, AbacRepositoryPermissions',
    ]);
  });

  it('accepts a repository-scoped grant in ABAC mode and resolves it', () => {
    const registry = defineEstate(
      estateOf(
        env('prod', {
          ...ABAC,
          roleAssignments: [
            {
              role: 'Container Registry Repository Reader',
              principalId: PRINCIPAL,
              repositories: ['apps/*'],
            },
          ],
        }),
      ),
    ).environments[0].registry;
    expect(registry.roleAssignmentMode).toBe('AbacRepositoryPermissions');
    expect(registry.roleAssignments[0].repositories).toEqual(['apps/*']);
  });

  it('rejects Docker Content Trust in ABAC mode and warns about its retirement otherwise', () => {
    expect(problems({ ...ABAC, trustPolicy: true })).toEqual([
      'prod.registry.trustPolicy: Docker Content Trust is not supported in the AbacRepositoryPermissions mode. Fix: turn trustPolicy off and sign with Notation (signing: { keyVaultId, certificateName })',
    ]);
    expect(problems({ trustPolicy: true })).toEqual([]);
    expect(estateWarnings(estateOf(env('prod', { trustPolicy: true }))).map(formatProblem)).toEqual([
      'prod.registry.trustPolicy: Docker Content Trust is deprecated and Microsoft removes it on 2028-03-31. Fix: sign with Notation instead (signing: { keyVaultId, certificateName }) and leave trustPolicy off',
    ]);
    expect(estateWarnings(estateOf(env('prod')))).toEqual([]);
  });

  it('warns about a cache rule in a promotion target, not in the first environment', () => {
    const cache: Partial<RegistryDeclaration> = {
      cacheRules: [{ name: 'hub-nginx', source: 'docker.io/library/nginx', targetRepository: 'hub/nginx' }],
    };
    expect(estateWarnings(estateOf(env('dev', cache), env('prod', cache))).map(formatProblem)).toEqual([
      'prod.registry.cacheRules: a cache rule lets images into "prod" past promotion: it fills its repository from its upstream as clients pull (acr-iac check fails it, ACR-105). Fix: keep the pull-through cache in "dev" and import what "prod" needs from "dev"',
    ]);
    expect(validateEstate(estateOf(env('dev', cache), env('prod', cache))).all).toEqual([]);
  });

  it('warns about an admin user in a promotion target, not in the first environment', () => {
    const admin: Partial<RegistryDeclaration> = { adminEnabled: true };
    const estate = estateOf(env('dev', admin), env('staging', admin), env('prod', admin));
    expect(estateWarnings(estate).map(formatProblem)).toEqual([
      'staging.registry.adminEnabled: the admin user lets images into "staging" past promotion: its shared credentials can push (acr-iac check fails it, ACR-001 and ACR-105). Fix: leave adminEnabled off and import what "staging" needs from "dev"',
      'prod.registry.adminEnabled: the admin user lets images into "prod" past promotion: its shared credentials can push (acr-iac check fails it, ACR-001 and ACR-024). Fix: leave adminEnabled off and import what "prod" needs from "staging"',
    ]);
    expect(validateEstate(estate).all).toEqual([]);
  });

  it('checks the signing declaration', () => {
    expect(problems({ signing: { keyVaultId: 'kv-sign', certificateName: 'release_1' } })).toEqual([
      'prod.registry.signing.keyVaultId: "kv-sign" is not a Key Vault ID. Fix: use /subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<name>',
      'prod.registry.signing.certificateName: "release_1" is not a Key Vault certificate name. Fix: use 1-127 letters, digits or hyphens',
    ]);
    const signing = defineEstate(
      estateOf(env('prod', { signing: { keyVaultId: KEY_VAULT, certificateName: 'release' } })),
    ).environments[0].registry.signing;
    expect(signing).toMatchObject({
      identityName: 'id-sign-prod',
      keyScope: `${KEY_VAULT}/keys/release`,
      certificateScope: `${KEY_VAULT}/certificates/release`,
    });
  });
});
