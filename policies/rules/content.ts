/**
 * What is stored and trusted: quarantine, retention, signing, customer-managed keys.
 */
import { MIN_RETENTION_DAYS } from '../../constructs/model/retention';
import { ROLE_DIRECTORY } from '../../constructs/model/role-directory';
import { DCT_REMOVAL_DATE, signingIdentityName } from '../../constructs/model/signing';
import { isUnknown } from '../inventory/types';
import { effectiveAbilities } from '../inventory/role-refs';
import { expectSetting, fail, pass, registryLabel, unknown } from './outcomes';
import type { RegistryRule } from './types';

/** ACR-011: quarantine is on, with a scanner that can release images. */
export const quarantineEnabled: RegistryRule = {
  id: 'ACR-011',
  title: 'Quarantine is enabled with a scanner',
  severity: 'medium',
  posture: 'hardened',
  rationale:
    'Quarantine hides new images until a scanner releases them, so nothing unscanned is pulled. Without a scanner (a quarantine webhook or an AcrQuarantineWriter) nothing is ever released.',
  remediation:
    'Set `quarantine_policy_enabled = true` (declaration: `quarantine: true`) and add a webhook with action `quarantine` or grant the scanner AcrQuarantineWriter.',
  references: { checkov: ['CKV_AZURE_166'] },
  check: (registry) => {
    const setting = expectSetting(registry, registry.quarantine, true, 'Quarantine');
    if (setting.result !== 'pass') return [setting];
    const webhook = registry.webhooks.some((w) => !isUnknown(w.actions) && w.actions.includes('quarantine'));
    const writer = registry.roleAssignments.some((g) => g.role.name === 'AcrQuarantineWriter');
    return webhook || writer
      ? [pass(`quarantine is enabled on ${registryLabel(registry)} with a scanner`)]
      : [
          fail(
            `quarantine is enabled on ${registryLabel(registry)} but no scanner webhook or AcrQuarantineWriter can release images`,
          ),
        ];
  },
};

/** ACR-012: untagged manifests are purged after a retention period, and not sooner than a week. */
export const retentionEnabled: RegistryRule = {
  id: 'ACR-012',
  title: `Retention of untagged manifests is on, at least ${MIN_RETENTION_DAYS} days`,
  severity: 'low',
  posture: 'hardened',
  rationale: `Without retention, untagged manifests pile up forever, costing storage and keeping vulnerable layers around (0 days means off). Deleted manifests are unrecoverable and anything that pulls by digest loses its image: fewer than ${MIN_RETENTION_DAYS} days (the service's default period) leaves no window to roll back a release whose tag moved.`,
  remediation: `Set \`retention_policy_in_days\` between ${MIN_RETENTION_DAYS} and 365 (declaration: \`retentionDays\`); requires Premium.`,
  references: { checkov: ['CKV_AZURE_167'] },
  check: (registry) => {
    const name = registryLabel(registry);
    if (isUnknown(registry.retentionDays)) return [unknown(`retention of ${name} is only known after apply`)];
    const days = registry.retentionDays;
    if (days <= 0) return [fail(`retention of untagged manifests is off on ${name}`)];
    return [
      days >= MIN_RETENTION_DAYS
        ? pass(`${name} keeps untagged manifests ${days} days`)
        : fail(
            `${name} keeps untagged manifests only ${days} day${days === 1 ? '' : 's'}, under the ${MIN_RETENTION_DAYS}-day minimum`,
          ),
    ];
  },
};

/** ACR-013: images are signed, with Notation (or, until it retires, Docker Content Trust). */
export const signingEnabled: RegistryRule = {
  id: 'ACR-013',
  title: 'Images are signed (Notation, or Docker Content Trust until it retires)',
  severity: 'medium',
  posture: 'production',
  rationale: `Signatures let deployments verify that an image comes from the release pipeline. Docker Content Trust is deprecated and Microsoft removes it on ${DCT_REMOVAL_DATE}; AcrImageSigner serves it only. Notation signatures are OCI artifacts pushed by a signing identity (AcrPush, or Container Registry Repository Writer in the ABAC mode) that signs with a Key Vault key.`,
  remediation:
    'Declare a Notation signing identity (`signing: { keyVaultId, certificateName }`): the identity id-sign-<env> gets push rights for its signatures and the Key Vault roles to sign. Or, until it retires, set `trust_policy_enabled = true`.',
  references: { checkov: ['CKV_AZURE_164'] },
  check: (registry, context) => {
    const name = registryLabel(registry);
    const signer = signingIdentityName(context.environment);
    const notation = registry.roleAssignments.some((g) => {
      const abilities = effectiveAbilities(g.role, registry.roleAssignmentMode);
      return g.principal.identityName === signer && !isUnknown(abilities) && abilities.push;
    });
    if (notation) return [pass(`${signer} signs the images of ${name} with Notation`)];
    if (registry.trustPolicy === true)
      return [
        pass(
          `Docker Content Trust is on for ${name}; it retires on ${DCT_REMOVAL_DATE}, move to Notation signing`,
        ),
      ];
    if (isUnknown(registry.trustPolicy))
      return [unknown(`content trust of ${name} is only known after apply`)];
    const dctSigner = registry.roleAssignments.find(
      (g) => g.role.builtInId === ROLE_DIRECTORY.AcrImageSigner.id,
    );
    if (dctSigner)
      return [
        fail(
          `${name} grants AcrImageSigner, which serves Docker Content Trust only, and content trust is off: nothing signs. Declare a Notation signing identity`,
          dctSigner.source,
        ),
      ];
    return [fail(`${name} has neither a Notation signing identity (${signer}) nor Docker Content Trust`)];
  },
};

/** ACR-016: a customer-managed key encrypts the registry (advisory). */
export const customerManagedKey: RegistryRule = {
  id: 'ACR-016',
  title: 'A customer-managed key encrypts the registry (advisory)',
  severity: 'low',
  posture: 'production',
  advisoryOnly: true,
  rationale:
    'Some compliance regimes require keys the organisation controls and can revoke. It adds Key Vault operations, so it is advice, not a gate.',
  remediation:
    'Add an `encryption` block with a Key Vault key and a user-assigned identity (declaration: `encryption`); requires Premium and is set at creation.',
  references: { azurePolicy: ['5b9159ae-1701-4a6f-9a7a-aa9c8ddd0580'] },
  check: (registry) => [
    expectSetting(registry, registry.customerManagedKey, true, 'Customer-managed key encryption'),
  ],
};

/** Rules of this file. */
export const CONTENT_RULES: readonly RegistryRule[] = [
  quarantineEnabled,
  retentionEnabled,
  signingEnabled,
  customerManagedKey,
];
