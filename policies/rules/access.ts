/**
 * Who can get in and what they can do: admin user, anonymous pull, token passwords and permissions,
 * push rights in production.
 */
import { WRITE_PERMISSIONS, parseScopeMapAction } from '../../constructs/model/names';
import { isUnknown } from '../inventory/types';
import { grantPushVerdict, taskPushVerdict } from '../promotion/push-paths';
import { expectSetting, fail, notApplicable, pass, registryLabel, unknown } from './outcomes';
import type { Outcome, RegistryRule } from './types';

/** ACR-001: the admin user is disabled. */
export const adminUserDisabled: RegistryRule = {
  id: 'ACR-001',
  title: 'Admin user is disabled',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'The admin user is one shared username and password with push and pull on every repository; it cannot be scoped, audited per person or rotated without downtime.',
  remediation:
    'Set `admin_enabled = false` (declaration: `adminEnabled: false`) and grant Entra identities AcrPull/AcrPush instead.',
  references: { checkov: ['CKV_AZURE_137'], azurePolicy: ['dc921057-6b28-4fbe-9b83-f7bec05db6c2'] },
  check: (registry) => [expectSetting(registry, registry.adminEnabled, false, 'The admin user')],
};

/** ACR-002: anonymous pull is disabled. */
export const anonymousPullDisabled: RegistryRule = {
  id: 'ACR-002',
  title: 'Anonymous pull is disabled',
  severity: 'high',
  posture: 'baseline',
  rationale: 'Anonymous pull lets anyone who can reach the registry download every image without signing in.',
  remediation: 'Set `anonymous_pull_enabled = false` (declaration: `anonymousPull: false`).',
  references: { checkov: ['CKV_AZURE_138'], azurePolicy: ['9f2dea28-e834-476c-99c5-3507b4728395'] },
  check: (registry) => [expectSetting(registry, registry.anonymousPull, false, 'Anonymous pull')],
};

/** ACR-022: token passwords expire. */
export const tokenPasswordsExpire: RegistryRule = {
  id: 'ACR-022',
  title: 'Token passwords expire',
  severity: 'medium',
  posture: 'hardened',
  rationale: 'A token password without expiry is a long-lived secret that keeps working after it leaks.',
  remediation:
    'Give every `azurerm_container_registry_token_password` an `expiry` (e.g. from `time_rotating`); declaration: `passwordLifetimeDays`.',
  references: {},
  check: (registry) => {
    if (registry.tokens.length === 0) return [notApplicable(`${registryLabel(registry)} has no tokens`)];
    return registry.tokens.flatMap((token): Outcome[] => {
      const name = isUnknown(token.name) ? token.source.address : token.name;
      if (token.passwords.length === 0)
        return [unknown(`token ${name} has no password managed here`, token.source)];
      return token.passwords.map((password) => {
        if (isUnknown(password.expires))
          return unknown(`a password of token ${name} has an expiry known only after apply`, password.source);
        return password.expires
          ? pass(`the password of token ${name} expires`, password.source)
          : fail(`a password of token ${name} never expires`, password.source);
      });
    });
  },
};

/** ACR-023: tokens in production can only read. */
export const tokensPullOnly: RegistryRule = {
  id: 'ACR-023',
  title: 'Tokens are pull-only',
  severity: 'high',
  posture: 'production',
  rationale:
    'In production, images arrive only through promotion; a token that can write or delete bypasses it.',
  remediation: 'Limit the scope map of every token to `content/read` and `metadata/read` actions.',
  references: {},
  check: (registry) => {
    if (registry.tokens.length === 0) return [notApplicable(`${registryLabel(registry)} has no tokens`)];
    return registry.tokens.map((token) => {
      const name = isUnknown(token.name) ? token.source.address : token.name;
      if (isUnknown(token.actions))
        return unknown(`the scope map of token ${name} is not known`, token.source);
      const writes = token.actions.filter((action) => {
        const parsed = parseScopeMapAction(action);
        return !parsed || WRITE_PERMISSIONS.has(parsed.permission);
      });
      return writes.length === 0
        ? pass(`token ${name} can only read`, token.source)
        : fail(`token ${name} can write: ${writes.join(', ')}`, token.source);
    });
  },
};

/** ACR-024: nothing but promotion pushes into production. */
export const pushOnlyByPromotion: RegistryRule = {
  id: 'ACR-024',
  title: 'No push rights in production (images arrive by promotion)',
  severity: 'critical',
  posture: 'production',
  rationale:
    'Production images must be the images tested before: they arrive by import from the previous environment. A grant that opens a way to push (a push role by name or ID at any scope, a role that runs tasks, configures tokens or the admin user, or assigns roles) or a task that pushes lets untested images in. Only the signing identity may push, its signatures.',
  remediation:
    'Remove push-capable grants (AcrPush, Container Registry Repository Writer/Contributor, Tasks Contributor, Owner, Contributor, ...) and pushing tasks from the production registry; promote with `az acr import` by the promotion identity.',
  references: {},
  check: (registry, context) => {
    const name = registryLabel(registry);
    const outcomes: Outcome[] = [];
    for (const grant of registry.roleAssignments) {
      const verdict = grantPushVerdict(grant, context.environment, registry.roleAssignmentMode);
      if (verdict.kind === 'unknown') outcomes.push(unknown(`${verdict.reason} on ${name}`, grant.source));
      else if (verdict.kind === 'push') outcomes.push(fail(`${verdict.reason} on ${name}`, grant.source));
    }
    for (const task of registry.tasks) {
      const verdict = taskPushVerdict(task);
      if (verdict.kind === 'unknown') outcomes.push(unknown(`${verdict.reason} (${name})`, task.source));
      else if (verdict.kind === 'push') outcomes.push(fail(`${verdict.reason} into ${name}`, task.source));
    }
    return outcomes.length > 0 ? outcomes : [pass(`nothing but promotion can push into ${name}`)];
  },
};

/** Rules of this file. */
export const ACCESS_RULES: readonly RegistryRule[] = [
  adminUserDisabled,
  anonymousPullDisabled,
  tokenPasswordsExpire,
  tokensPullOnly,
  pushOnlyByPromotion,
];
