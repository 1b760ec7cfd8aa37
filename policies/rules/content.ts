/**
 * What is stored and trusted: quarantine, retention, signing, customer-managed keys.
 */
import { MIN_RETENTION_DAYS } from '../../constructs/model/retention';
import { ROLE_DIRECTORY } from '../../constructs/model/role-directory';
import { DCT_REMOVAL_DATE, signingIdentityName } from '../../constructs/model/signing';
import { isUnknown } from '../inventory/types';
import { BoundedCache } from '../inventory/bounded-cache';
import { effectiveAbilities } from '../inventory/role-refs';
import { isCertain, listDoubt } from '../inventory/input-notes';
import type { Registry, RoleAssignment, Webhook } from '../inventory/types';
import { becauseOf, expectSetting, registryLabel, unknownText } from './outcomes';
import { boundByTier, expectTierSetting } from './tier-bound';
import type { RegistryRuleDefinition } from './types';

/**
 * Why a scanner or signer may exist unseen: a grant whose role is unknown, or lists not fully visible
 * (an attachment whose registry is not decided counts when `could` says it may be the one).
 */
function grantDoubt(
  registry: Registry,
  unresolved: (g: RoleAssignment) => boolean,
  could: (g: RoleAssignment) => boolean,
): unknown {
  const grant = registry.roleAssignments.find(unresolved);
  if (grant) return isUnknown(grant.role.abilities) ? grant.role.abilities : grant.role.name;
  return listDoubt(registry, 'roleAssignments', could);
}

/** True when a webhook may hear quarantine events (enabled or unknown, its actions unknown or with quarantine). */
export function mayHearQuarantine(w: Webhook): boolean {
  return w.enabled !== false && (isUnknown(w.actions) || w.actions.includes('quarantine'));
}

/** True when a grant may be the signer's push right: its principal may be `signer`, its role may push. */
function maySign(g: RoleAssignment, signer: string, registry: Registry): boolean {
  const principal = g.principal.identityName ?? (isUnknown(g.principal.id) ? signer : undefined);
  const abilities = effectiveAbilities(g.role, registry.roleAssignmentMode);
  return principal === signer && (isUnknown(abilities) || abilities.push);
}

/** ACR-011: quarantine is on, with a scanner that can release images. */
export const quarantineEnabled: RegistryRuleDefinition = {
  id: 'ACR-011',
  title: 'Quarantine is enabled with a scanner',
  severity: 'medium',
  posture: 'hardened',
  rationale:
    'Quarantine hides new images until a scanner releases them, so nothing unscanned is pulled. Without a scanner (a quarantine webhook or an AcrQuarantineWriter) nothing is ever released.',
  remediation:
    'Set `quarantine_policy_enabled = true` (declaration: `quarantine: true`) and add a webhook with action `quarantine` or grant the scanner AcrQuarantineWriter.',
  references: { checkov: ['CKV_AZURE_166'] },
  judge: (out, registry) => {
    // Quarantine off, or unknown: that is the outcome, whatever the scanner.
    if (registry.quarantine !== true)
      return expectSetting(out, registry, registry.quarantine, true, 'Quarantine');
    // A disabled webhook (`status = "disabled"`) posts no notifications, so it releases nothing.
    const webhook = registry.webhooks.some(
      (w) => isCertain(w) && w.enabled === true && !isUnknown(w.actions) && w.actions.includes('quarantine'),
    );
    const writer = registry.roleAssignments.some(
      (g) => isCertain(g) && g.role.name === 'AcrQuarantineWriter',
    );
    if (webhook || writer)
      return out.pass(`quarantine is enabled on ${registryLabel(registry)} with a scanner`);
    const unnamed = (g: RoleAssignment) => isUnknown(g.role.name);
    const doubt =
      registry.webhooks.find((w) => isUnknown(w.actions))?.actions ??
      registry.webhooks.find((w) => isUnknown(w.enabled) && mayHearQuarantine(w))?.enabled ??
      listDoubt(registry, 'webhooks', mayHearQuarantine) ??
      grantDoubt(registry, unnamed, (g) => unnamed(g) || g.role.name === 'AcrQuarantineWriter');
    if (doubt)
      return out.unknown(
        `whether a scanner can release images from ${registryLabel(registry)} is not known${becauseOf(doubt)}`,
      );
    out.fail(
      `quarantine is enabled on ${registryLabel(registry)} but no scanner webhook or AcrQuarantineWriter can release images`,
    );
  },
};

/** ACR-012: untagged manifests are purged after a retention period, and not sooner than a week. */
export const retentionEnabled: RegistryRuleDefinition = {
  id: 'ACR-012',
  title: `Retention of untagged manifests is on, at least ${MIN_RETENTION_DAYS} days`,
  severity: 'low',
  posture: 'hardened',
  rationale: `Without retention, untagged manifests pile up forever, costing storage and keeping vulnerable layers around (0 days means off). Deleted manifests are unrecoverable and anything that pulls by digest loses its image: fewer than ${MIN_RETENTION_DAYS} days (the service's default period) leaves no window to roll back a release whose tag moved.`,
  remediation: `Set \`retention_policy_in_days\` between ${MIN_RETENTION_DAYS} and 365 (declaration: \`retentionDays\`); requires Premium.`,
  references: { checkov: ['CKV_AZURE_167'] },
  judge: (out, registry) => {
    const name = registryLabel(registry);
    const retention = boundByTier(registry, registry.retentionDays, 'retentionPolicy', 0, 'retention');
    if (isUnknown(retention.value))
      return out.unknown(`retention of ${name} ${unknownText(retention.value)}`);
    const days = retention.value;
    if (days <= 0)
      return out.fail(
        retention.note === ''
          ? `retention of untagged manifests is off on ${name}`
          : `${retention.note}: retention of untagged manifests is off`,
      );
    if (days >= MIN_RETENTION_DAYS) out.pass(`${name} keeps untagged manifests ${days} days`);
    else
      out.fail(
        `${name} keeps untagged manifests only ${days} day${days === 1 ? '' : 's'}, under the ${MIN_RETENTION_DAYS}-day minimum`,
      );
  },
};

/** The role definition GUID of AcrImageSigner (Docker Content Trust only). */
const IMAGE_SIGNER_ID = ROLE_DIRECTORY.AcrImageSigner.id;

/** The signing identity's name, once per environment name (not once per registry). */
const SIGNERS = new BoundedCache<string, string>(1_000);

/** ACR-013: images are signed, with Notation (or, until it retires, Docker Content Trust). */
export const signingEnabled: RegistryRuleDefinition = {
  id: 'ACR-013',
  title: 'Images are signed (Notation, or Docker Content Trust until it retires)',
  severity: 'medium',
  posture: 'production',
  rationale: `Signatures let deployments verify that an image comes from the release pipeline. Docker Content Trust is deprecated and Microsoft removes it on ${DCT_REMOVAL_DATE}; AcrImageSigner serves it only. Notation signatures are OCI artifacts pushed by a signing identity (AcrPush, or Container Registry Repository Writer in the ABAC mode) that signs with a Key Vault key.`,
  remediation:
    'Declare a Notation signing identity (`signing: { keyVaultId, certificateName }`): the identity id-sign-<env> gets push rights for its signatures and the Key Vault roles to sign. Or, until it retires, set `trust_policy_enabled = true`.',
  references: { checkov: ['CKV_AZURE_164'] },
  judge: (out, registry, context) => {
    const name = registryLabel(registry);
    const signer = SIGNERS.get(context.environment, signingIdentityName);
    let notation = false;
    for (const g of registry.roleAssignments) {
      // The principal first: only the signer's grants need their abilities in the registry's mode.
      if (g.principal.identityName !== signer || !isCertain(g)) continue;
      const abilities = effectiveAbilities(g.role, registry.roleAssignmentMode);
      if (!isUnknown(abilities) && abilities.push) {
        notation = true;
        break;
      }
    }
    if (notation) return out.pass(`${signer} signs the images of ${name} with Notation`);
    if (registry.trustPolicy === true)
      return out.pass(
        `Docker Content Trust is on for ${name}; it retires on ${DCT_REMOVAL_DATE}, move to Notation signing`,
      );
    if (isUnknown(registry.trustPolicy))
      return out.unknown(`content trust of ${name} ${unknownText(registry.trustPolicy)}`);
    const dctSigner = registry.roleAssignments.find(
      (g) => isCertain(g) && g.role.builtInId === IMAGE_SIGNER_ID,
    );
    if (dctSigner)
      return out.fail(
        `${name} grants AcrImageSigner, which serves Docker Content Trust only, and content trust is off: nothing signs. Declare a Notation signing identity`,
        dctSigner.source,
      );
    const doubt = grantDoubt(
      registry,
      (g) => isUnknown(effectiveAbilities(g.role, registry.roleAssignmentMode)),
      (g) => maySign(g, signer, registry),
    );
    if (doubt)
      return out.unknown(`whether an identity signs images in ${name} is not known${becauseOf(doubt)}`);
    out.fail(`${name} has neither a Notation signing identity (${signer}) nor Docker Content Trust`);
  },
};

/** ACR-016: a customer-managed key encrypts the registry (advisory). */
export const customerManagedKey: RegistryRuleDefinition = {
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
  judge: (out, registry) =>
    expectTierSetting(
      out,
      registry,
      registry.customerManagedKey,
      true,
      'Customer-managed key encryption',
      'customerManagedKey',
      false,
    ),
};

/** Rules of this file. */
export const CONTENT_RULES: readonly RegistryRuleDefinition[] = [
  quarantineEnabled,
  retentionEnabled,
  signingEnabled,
  customerManagedKey,
];
