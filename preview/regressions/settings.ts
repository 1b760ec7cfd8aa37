/**
 * Registry settings that weaken protection when they change: public network access, open network
 * rules, the admin user, anonymous pull, export, quarantine and retention.
 */
import { MIN_RETENTION_DAYS } from '../../constructs/model/retention';
import type { ResourceChange } from '../changes';
import type { ProtectionSettings } from '../protection-settings';
import { protectionSettings } from '../protection-settings';
import { changeKind } from '../resource-kinds';
import { existsAfter, existsBefore } from './context';
import type { Regression, RegressionKind, RegressionSeverity } from './types';

const onOff = (on: boolean): string => (on ? 'on' : 'off');

interface SettingRule {
  readonly key: keyof ProtectionSettings;
  /** True when going from `before` to `after` weakens protection. */
  readonly weakens: (before: never, after: never) => boolean;
  readonly severity: RegressionSeverity;
  readonly kind: RegressionKind;
  readonly message: string;
  readonly why: string;
  readonly show?: (value: never) => string;
}

const turnedOn = (before: boolean, after: boolean): boolean => !before && after;
const turnedOff = (before: boolean, after: boolean): boolean => before && !after;

const SETTING_RULES: readonly SettingRule[] = [
  {
    key: 'publicNetworkAccess',
    weakens: turnedOn,
    severity: 'critical',
    kind: 'exposure-increased',
    message: 'public network access turned on',
    why: 'the registry becomes reachable from the internet, not only through its private endpoints',
    show: onOff,
  },
  {
    key: 'networkDefaultAction',
    weakens: (before: string, after: string) => before === 'Deny' && after === 'Allow',
    severity: 'high',
    kind: 'exposure-increased',
    message: 'network rules opened (default action Allow)',
    why: 'every IP address may reach the registry, not only the allowed ranges',
  },
  {
    key: 'adminUser',
    weakens: turnedOn,
    severity: 'critical',
    kind: 'exposure-increased',
    message: 'admin user turned on',
    why: 'a shared username and password with full push and delete rights bypasses Entra ID and RBAC',
    show: onOff,
  },
  {
    key: 'anonymousPull',
    weakens: turnedOn,
    severity: 'critical',
    kind: 'exposure-increased',
    message: 'anonymous pull turned on',
    why: 'anyone who can reach the registry can pull every image without signing in',
    show: onOff,
  },
  {
    key: 'exportEnabled',
    weakens: turnedOn,
    severity: 'high',
    kind: 'exposure-increased',
    message: 'export turned on',
    why: 'images can be exported out of the registry (az acr import / transfer pipelines) to any destination',
    show: onOff,
  },
  {
    key: 'quarantine',
    weakens: turnedOff,
    severity: 'high',
    kind: 'quarantine-weakened',
    message: 'quarantine turned off',
    why: 'new images are pullable at once, before a scanner has released them',
    show: onOff,
  },
  {
    key: 'retentionDays',
    weakens: (before: number, after: number) => before > 0 && after < before,
    severity: 'medium',
    kind: 'retention-weakened',
    message: 'retention of untagged manifests shortened',
    why: 'untagged manifests are deleted sooner, unrecoverably: anything that pulls by digest loses its image',
    show: (days: number) => (days === 0 ? 'off' : days === 1 ? '1 day' : `${days} days`),
  },
];

export function registryRegressions(resource: ResourceChange): Regression[] {
  if (changeKind(resource) !== 'registry' || !existsBefore(resource) || !existsAfter(resource)) return [];
  const before = protectionSettings(resource, 'before');
  const after = protectionSettings(resource, 'after');
  const out: Regression[] = [];
  for (const rule of SETTING_RULES) {
    const was = before[rule.key];
    const will = after[rule.key];
    if (was === undefined || will === undefined || !rule.weakens(was as never, will as never)) continue;
    const show = rule.show ?? String;
    let { message, severity } = rule;
    if (rule.key === 'retentionDays') {
      if (will === 0) message = 'retention of untagged manifests turned off';
      else if ((will as number) < MIN_RETENTION_DAYS) severity = 'high';
    }
    out.push({
      kind: rule.kind,
      severity,
      message,
      before: show(was as never),
      after: show(will as never),
      why:
        rule.key === 'retentionDays' && will !== 0 && (will as number) < MIN_RETENTION_DAYS
          ? `${rule.why}; under the ${MIN_RETENTION_DAYS}-day minimum there is no rollback window`
          : rule.key === 'retentionDays' && will === 0
            ? 'untagged manifests pile up (storage, old vulnerable layers) and nothing cleans them'
            : rule.why,
    });
  }
  return out;
}
