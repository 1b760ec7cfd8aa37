/**
 * What is stored and trusted: quarantine, retention, signing, customer-managed keys.
 */
import { MIN_RETENTION_DAYS } from '../../constructs/model/retention';
import { isUnknown } from '../inventory/types';
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

/** ACR-013: images are signed (content trust or a signing identity). */
export const signingEnabled: RegistryRule = {
  id: 'ACR-013',
  title: 'Images are signed',
  severity: 'medium',
  posture: 'production',
  rationale:
    'Signatures let deployments verify that an image comes from the release pipeline. Docker Content Trust is retired; Notation signing by an identity with AcrImageSigner replaces it.',
  remediation:
    'Grant the release pipeline AcrImageSigner and sign with Notation (or, legacy, set `trust_policy_enabled = true`).',
  references: { checkov: ['CKV_AZURE_164'] },
  check: (registry) => {
    const name = registryLabel(registry);
    const signer = registry.roleAssignments.some(
      (g) => !isUnknown(g.role.abilities) && g.role.abilities.sign,
    );
    if (registry.trustPolicy === true) return [pass(`content trust is enabled on ${name}`)];
    if (signer) return [pass(`an identity signs images in ${name}`)];
    if (isUnknown(registry.trustPolicy))
      return [unknown(`content trust of ${name} is only known after apply`)];
    return [fail(`${name} has neither content trust nor a signing identity (AcrImageSigner)`)];
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
