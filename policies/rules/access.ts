/**
 * Who can get in and what they can do: admin user, anonymous pull, token passwords and permissions,
 * push rights and imports in production.
 */
import { WRITE_PERMISSIONS, parseScopeMapAction } from '../../constructs/model/names';
import type { PushVerdict } from '../promotion/push-paths';
import {
  grantPushVerdict,
  adminUserPushVerdict,
  cacheRulePushVerdict,
  ingestPushVerdict,
  taskPushVerdict,
  tokenPushVerdict,
} from '../promotion/push-paths';
import {
  isDeclaredToken,
  listGap,
  unattachedOf,
  undecidedDoubt,
  withDeclaredTokens,
} from '../inventory/input-notes';
import type { Ingest, SourceLocation, Token } from '../inventory/types';
import { isUnknown } from '../inventory/types';
import { becauseOf, eachItem, expectSetting, registryLabel, unknownText } from './outcomes';
import { expectTierSetting } from './tier-bound';
import type { Outcomes, RegistryRuleDefinition } from './types';

/** ACR-001: the admin user is disabled. */
export const adminUserDisabled: RegistryRuleDefinition = {
  id: 'ACR-001',
  title: 'Admin user is disabled',
  severity: 'high',
  posture: 'baseline',
  rationale:
    'The admin user is one shared username and password with push and pull on every repository; it cannot be scoped, audited per person or rotated without downtime.',
  remediation:
    'Set `admin_enabled = false` (declaration: `adminEnabled: false`) and grant Entra identities AcrPull/AcrPush instead.',
  references: { checkov: ['CKV_AZURE_137'], azurePolicy: ['dc921057-6b28-4fbe-9b83-f7bec05db6c2'] },
  judge: (out, registry) => expectSetting(out, registry, registry.adminEnabled, false, 'The admin user'),
};

/** ACR-002: anonymous pull is disabled. */
export const anonymousPullDisabled: RegistryRuleDefinition = {
  id: 'ACR-002',
  title: 'Anonymous pull is disabled',
  severity: 'high',
  posture: 'baseline',
  rationale: 'Anonymous pull lets anyone who can reach the registry download every image without signing in.',
  remediation: 'Set `anonymous_pull_enabled = false` (declaration: `anonymousPull: false`).',
  references: { checkov: ['CKV_AZURE_138'], azurePolicy: ['9f2dea28-e834-476c-99c5-3507b4728395'] },
  judge: (out, registry) =>
    expectTierSetting(out, registry, registry.anonymousPull, false, 'Anonymous pull', 'anonymousPull', false),
};

/** ACR-022: token passwords expire. */
export const tokenPasswordsExpire: RegistryRuleDefinition = {
  id: 'ACR-022',
  title: 'Token passwords expire',
  severity: 'medium',
  posture: 'hardened',
  rationale: 'A token password without expiry is a long-lived secret that keeps working after it leaks.',
  remediation:
    "Give every token password an `expiry`: `azurerm_container_registry_token_password` (e.g. from `time_rotating`), or on Pulumi the classic provider's `azure.containerservice.TokenPassword` (azure-native cannot issue token passwords); declaration: `passwordLifetimeDays`.",
  references: {},
  judge: (out, registry) => eachItem(out, registry, 'tokens', passwordOutcomes),
  judgeUnattached: (out, items) => {
    for (const u of unattachedOf(items, 'tokens')) passwordOutcomes(out, u.item);
  },
};

/**
 * ACR-022 on one token: every password expires. A password-only item (passwords of a token the input
 * does not declare) is judged the same, named by what its token ID names.
 */
function passwordOutcomes(out: Outcomes, token: Token): void {
  const name = token.passwordOnly?.label ?? (isUnknown(token.name) ? token.source.address : token.name);
  if (token.passwords.length === 0)
    return token.passwordOnly
      ? out.unknown(`the passwords of token ${name} cannot be read`, token.source)
      : out.unknown(`token ${name} has no password managed here`, token.source);
  for (const password of token.passwords) {
    // `password2 of token ci`, when the input names the slot (a token has two).
    const which = password.slot ? `${password.slot} of token ${name}` : undefined;
    if (isUnknown(password.expires))
      out.unknown(
        `the expiry of ${which ?? `a password of token ${name}`} ${unknownText(password.expires)}`,
        password.source,
      );
    else if (password.expires)
      out.pass(`${which ?? `the password of token ${name}`} expires`, password.source);
    else out.fail(`${which ?? `a password of token ${name}`} never expires`, password.source);
  }
}

/** ACR-023: tokens in production can only read. */
export const tokensPullOnly: RegistryRuleDefinition = {
  id: 'ACR-023',
  title: 'Tokens are pull-only',
  severity: 'high',
  posture: 'production',
  rationale:
    'In production, images arrive only through promotion; a token that can write or delete bypasses it.',
  remediation: 'Limit the scope map of every token to `content/read` and `metadata/read` actions.',
  references: {},
  // Only the tokens the input declares: a password-only item's token (and its scope map) is not here.
  judge: (out, registry) => eachItem(out, withDeclaredTokens(registry), 'tokens', pullOnlyOutcome),
  judgeUnattached: (out, items) => {
    for (const u of unattachedOf(items, 'tokens')) if (isDeclaredToken(u.item)) pullOnlyOutcome(out, u.item);
  },
};

/** ACR-023 on one token: its scope map only reads. */
function pullOnlyOutcome(out: Outcomes, token: Token): void {
  const name = isUnknown(token.name) ? token.source.address : token.name;
  if (isUnknown(token.actions))
    return out.unknown(`the scope map of token ${name} ${unknownText(token.actions)}`, token.source);
  const writes = token.actions.filter((action) => {
    const parsed = parseScopeMapAction(action);
    return !parsed || WRITE_PERMISSIONS.has(parsed.permission);
  });
  if (writes.length === 0) out.pass(`token ${name} can only read`, token.source);
  else out.fail(`token ${name} can write: ${writes.join(', ')}`, token.source);
}

/** ACR-024: nothing but promotion pushes into production. */
export const pushOnlyByPromotion: RegistryRuleDefinition = {
  id: 'ACR-024',
  title: 'No push rights in production (images arrive by promotion)',
  severity: 'critical',
  posture: 'production',
  rationale:
    "Production images must be the images tested before: they arrive by import from the previous environment. A grant that opens a way to push (a push role by name or ID at any scope, a role that runs tasks, configures tokens or the admin user, or assigns roles), a token whose scope map writes content, a task that pushes, or an import from anywhere but the previous environment's registry lets untested images in, as does the admin user, whose shared credentials have full permissions to the registry: an ACR Transfer import pipeline (with its source trigger on, it imports every blob that reaches its storage container, with no run) or a pipeline run of one, and an `importImage` action from docker.io or any other registry; a cache rule, which fills its repository from its upstream as clients pull, even from the previous environment's registry; and a connected registry in ReadWrite mode (azurerm's default), which syncs into the registry what clients push to it on premises. Only the signing identity may push, its signatures.",
  remediation:
    "Disable the admin user (`admin_enabled = false`) and remove from the production registry push-capable grants (AcrPush, Container Registry Repository Writer/Contributor, Tasks Contributor, Owner, Contributor, ...), tokens with content/write, pushing tasks, import pipelines and their runs, `importImage` actions from any registry but the previous environment's, cache rules (keep the pull-through cache in the first environment) and ReadWrite connected registries (make them `ReadOnly`); promote with `az acr import` by the promotion identity.",
  references: {},
  judge: (out, input, context) => {
    // A password of a token declared elsewhere is not a token here (that registry's input judges it).
    const registry = withDeclaredTokens(input);
    const name = registryLabel(registry);
    /** Records a push path's verdict; true when it was one (push or unknown). */
    const judged = (verdict: PushVerdict, source: SourceLocation, unknown: string, fail: string): boolean => {
      if (verdict.kind === 'unknown')
        out.unknown(unknown ? `${verdict.reason} ${unknown}` : verdict.reason, source);
      else if (verdict.kind === 'push') out.fail(`${verdict.reason} ${fail}`, source);
      else return false;
      return true;
    };
    // The admin user pushes with shared credentials, past every grant (ACR-001 judges the setting).
    let found = judged(
      adminUserPushVerdict(registry.adminEnabled, name),
      registry.source,
      '',
      '(past promotion)',
    );
    for (const grant of registry.roleAssignments) {
      const verdict = grantPushVerdict(grant, context.environment, registry.roleAssignmentMode);
      found = judged(verdict, grant.source, `on ${name}`, `on ${name}`) || found;
    }
    // A token whose scope map writes content pushes as surely as a grant (ACR-023 judges every write).
    for (const token of registry.tokens)
      found = judged(tokenPushVerdict(token), token.source, `(${name})`, `into ${name}`) || found;
    for (const task of registry.tasks)
      found = judged(taskPushVerdict(task), task.source, `(${name})`, `into ${name}`) || found;
    // An import is promotion only from the previous environment's registry (context.predecessor).
    const ingest = (item: Ingest): PushVerdict => ingestPushVerdict(item, registry.name, context.predecessor);
    for (const item of registry.ingests)
      found = judged(ingest(item), item.source, `(${name})`, `(into ${name}, past promotion)`) || found;
    // A cache rule fills its repository from its upstream as clients pull, whatever the upstream.
    for (const rule of registry.cacheRules)
      found =
        judged(cacheRulePushVerdict(rule), rule.source, `(${name})`, `(into ${name}, past promotion)`) ||
        found;
    if (found) return;
    // Grants, tokens, tasks and imports the input does not show, or whose registry it does not decide
    // and that may push (what is visible but may not exist was judged above).
    const doubt =
      listGap(registry, 'roleAssignments') ??
      listGap(registry, 'tokens') ??
      listGap(registry, 'tasks') ??
      listGap(registry, 'ingests') ??
      listGap(registry, 'cacheRules') ??
      undecidedDoubt(
        registry,
        'roleAssignments',
        (g) => grantPushVerdict(g, context.environment, registry.roleAssignmentMode).kind !== 'none',
      ) ??
      undecidedDoubt(registry, 'tokens', (t) => tokenPushVerdict(t).kind !== 'none') ??
      undecidedDoubt(registry, 'tasks', (t) => taskPushVerdict(t).kind !== 'none') ??
      undecidedDoubt(registry, 'ingests', (i) => ingest(i).kind !== 'none') ??
      undecidedDoubt(registry, 'cacheRules');
    if (doubt)
      return out.unknown(
        `the grants, tokens, tasks, imports and cache rules of ${name} are not all visible${becauseOf(doubt)}`,
      );
    out.pass(`nothing but promotion can push into ${name}`);
  },
};

/** Rules of this file. */
export const ACCESS_RULES: readonly RegistryRuleDefinition[] = [
  adminUserDisabled,
  anonymousPullDisabled,
  tokenPasswordsExpire,
  tokensPullOnly,
  pushOnlyByPromotion,
];
