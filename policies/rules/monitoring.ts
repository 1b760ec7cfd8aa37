/**
 * Seeing what happens: audit diagnostics and webhooks.
 */
import { DIAGNOSTIC_LOG_CATEGORIES } from '../../constructs/model/provider-defaults';
import { TIERS, isSku } from '../../constructs/model/tiers';
import { isCertain, listBound, listDoubt, unattachedOf, undecidedDoubt } from '../inventory/input-notes';
import type { Diagnostic, Webhook } from '../inventory/types';
import { isUnknown, knownPrefix } from '../inventory/types';
import { becauseOf, eachItem, redactUri, registryLabel, unknownText } from './outcomes';
import type { Outcomes, RegistryRuleDefinition } from './types';

/** ACR-020 on one webhook: it delivers over https. */
function httpsOutcome(out: Outcomes, webhook: Webhook): void {
  const name = isUnknown(webhook.name) ? webhook.source.address : webhook.name;
  const uri = webhook.serviceUri;
  // A URI whose scheme is literal (`http://${var.host}/hook`) is judged on the scheme the input shows.
  const scheme = isUnknown(uri) ? /^[a-z][a-z0-9+.-]*:\/\//i.exec(knownPrefix(uri))?.[0] : undefined;
  const shown = isUnknown(uri) ? scheme : uri;
  if (shown === undefined)
    return out.unknown(`the URI of webhook ${name} ${unknownText(uri)}`, webhook.source);
  if (/^https:\/\//i.test(shown)) out.pass(`webhook ${name} uses https`, webhook.source);
  else
    out.fail(
      `webhook ${name} sends to ${scheme === undefined ? redactUri(shown) : `${scheme}...`}, not https`,
      webhook.source,
    );
}

/** True when a diagnostic setting may send both audit categories to a destination. */
function mayAudit(d: Diagnostic): boolean {
  const categories = d.logCategories;
  return (
    d.hasDestination !== false &&
    (isUnknown(categories) || DIAGNOSTIC_LOG_CATEGORIES.every((c) => categories.includes(c)))
  );
}

/** ACR-017: login and repository events go to a log destination. */
export const auditDiagnostics: RegistryRuleDefinition = {
  id: 'ACR-017',
  title: 'Audit logs (login and repository events) are collected',
  severity: 'medium',
  posture: 'hardened',
  rationale:
    'Without login and repository events nobody can tell who pulled, pushed or deleted what, or investigate a leak.',
  remediation: `Add an \`azurerm_monitor_diagnostic_setting\` on the registry with ${DIAGNOSTIC_LOG_CATEGORIES.join(' and ')} to a Log Analytics workspace (declaration: \`diagnostics\`).`,
  references: {},
  judge: (out, registry) => {
    const name = registryLabel(registry);
    let doubt: unknown;
    for (const setting of registry.diagnostics) {
      const categories = setting.logCategories;
      if (isUnknown(categories)) {
        doubt ??= categories;
        continue;
      }
      // A setting without both categories cannot pass, whatever its destination.
      if (!DIAGNOSTIC_LOG_CATEGORIES.every((c) => categories.includes(c))) continue;
      if (isUnknown(setting.hasDestination)) doubt ??= setting.hasDestination;
      else if (setting.hasDestination) {
        if (isCertain(setting)) return out.pass(`${name} sends audit logs`, setting.source);
        doubt ??= setting.presence;
      }
    }
    doubt ??= listDoubt(registry, 'diagnostics', mayAudit);
    if (doubt) return out.unknown(`the audit diagnostics of ${name} are not known${becauseOf(doubt)}`);
    out.fail(
      `${name} has no diagnostic setting with ${DIAGNOSTIC_LOG_CATEGORIES.join(' and ')} to a destination`,
    );
  },
};

/** ACR-020: webhooks deliver over https. */
export const webhooksHttps: RegistryRuleDefinition = {
  id: 'ACR-020',
  title: 'Webhooks use https',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'Webhook payloads and their custom headers (often an Authorization header) travel in clear text over http.',
  remediation: 'Use an `https://` service URI for every webhook.',
  references: { checkov: ['CKV2_AZURE_30'] },
  judge: (out, registry) => eachItem(out, registry, 'webhooks', httpsOutcome),
  judgeUnattached: (out, items) => {
    for (const u of unattachedOf(items, 'webhooks')) httpsOutcome(out, u.item);
  },
};

/** ACR-021: the number of webhooks fits the tier. */
export const webhookLimit: RegistryRuleDefinition = {
  id: 'ACR-021',
  title: 'Webhooks fit the tier limit',
  severity: 'medium',
  posture: 'baseline',
  rationale: `Each tier allows a fixed number of webhooks (Basic ${TIERS.Basic.limits.webhooks}, Standard ${TIERS.Standard.limits.webhooks}, Premium ${TIERS.Premium.limits.webhooks}); more fail at apply.`,
  remediation: 'Remove webhooks or move to a higher tier.',
  references: {},
  judge: (out, registry) => {
    const name = registryLabel(registry);
    const { certain: count, most } = listBound(registry, 'webhooks');
    if (isUnknown(registry.sku)) return out.unknown(`the SKU of ${name} ${unknownText(registry.sku)}`);
    if (!isSku(registry.sku)) return out.unknown(`${name} has an unknown SKU "${registry.sku}"`);
    const limit = TIERS[registry.sku].limits.webhooks;
    if (count > limit) return out.fail(`${name} has ${count} webhooks; ${registry.sku} allows ${limit}`);
    if (isUnknown(most) || most > limit) {
      const doubt = isUnknown(most) ? most : undecidedDoubt(registry, 'webhooks');
      return out.unknown(`the number of webhooks of ${name} is not known${becauseOf(doubt)}`);
    }
    if (most > count)
      return out.pass(`${name} has at most ${most} of ${limit} webhooks allowed on ${registry.sku}`);
    out.pass(`${name} has ${count} of ${limit} webhooks allowed on ${registry.sku}`);
  },
};

/** Rules of this file. */
export const MONITORING_RULES: readonly RegistryRuleDefinition[] = [
  auditDiagnostics,
  webhooksHttps,
  webhookLimit,
];
