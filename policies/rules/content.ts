/**
 * What is stored and trusted: quarantine, retention, signing, customer-managed keys.
 */
import { isCertain, listDoubt } from '../inventory/input-notes';
import type { Registry, RoleAssignment } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import { becauseOf, expectSetting, fail, pass, registryLabel, unknown, unknownText } from './outcomes';

/** Why a scanner or signer may exist unseen: a grant whose role is unknown, or lists not fully visible. */
function grantDoubt(registry: Registry, unresolved: (g: RoleAssignment) => boolean): unknown {
  const grant = registry.roleAssignments.find(unresolved);
  if (grant) return isUnknown(grant.role.abilities) ? grant.role.abilities : grant.role.name;
  return listDoubt(registry, 'roleAssignments');
}
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
    const webhook = registry.webhooks.some(
      (w) => isCertain(w) && !isUnknown(w.actions) && w.actions.includes('quarantine'),
    );
    const writer = registry.roleAssignments.some(
      (g) => isCertain(g) && g.role.name === 'AcrQuarantineWriter',
    );
    if (webhook || writer)
      return [pass(`quarantine is enabled on ${registryLabel(registry)} with a scanner`)];
    const doubt =
      registry.webhooks.find((w) => isUnknown(w.actions))?.actions ??
      listDoubt(registry, 'webhooks') ??
      grantDoubt(registry, (g) => isUnknown(g.role.name));
    if (doubt)
      return [
        unknown(
          `whether a scanner can release images from ${registryLabel(registry)} is not known${becauseOf(doubt)}`,
        ),
      ];
    return [
      fail(
        `quarantine is enabled on ${registryLabel(registry)} but no scanner webhook or AcrQuarantineWriter can release images`,
      ),
    ];
  },
};

/** ACR-012: untagged manifests are purged after a retention period. */
export const retentionEnabled: RegistryRule = {
  id: 'ACR-012',
  title: 'Retention of untagged manifests is on (more than 0 days)',
  severity: 'low',
  posture: 'hardened',
  rationale:
    'Without retention, untagged manifests pile up forever, costing storage and keeping vulnerable layers around. 0 days means off.',
  remediation:
    'Set `retention_policy_in_days` between 1 and 365 (declaration: `retentionDays`); requires Premium.',
  references: { checkov: ['CKV_AZURE_167'] },
  check: (registry) => {
    const name = registryLabel(registry);
    if (isUnknown(registry.retentionDays))
      return [unknown(`retention of ${name} ${unknownText(registry.retentionDays)}`)];
    return [
      registry.retentionDays > 0
        ? pass(`${name} keeps untagged manifests ${registry.retentionDays} days`)
        : fail(`retention of untagged manifests is off on ${name}`),
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
      (g) => isCertain(g) && !isUnknown(g.role.abilities) && g.role.abilities.sign,
    );
    if (registry.trustPolicy === true) return [pass(`content trust is enabled on ${name}`)];
    if (signer) return [pass(`an identity signs images in ${name}`)];
    if (isUnknown(registry.trustPolicy))
      return [unknown(`content trust of ${name} ${unknownText(registry.trustPolicy)}`)];
    const doubt = grantDoubt(registry, (g) => isUnknown(g.role.abilities));
    if (doubt)
      return [unknown(`whether an identity signs images in ${name} is not known${becauseOf(doubt)}`)];
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
