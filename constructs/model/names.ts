/**
 * Naming rules of ACR entities and of the Azure resources the stacks create around them.
 *
 * Sources: ../shared/FACTS.md section 2 (Microsoft Learn naming rules for Microsoft.ContainerRegistry and
 * the azurerm provider's validators); the token rule is the safe intersection of ARM and azurerm. The
 * other rules are the intersection of Microsoft Learn "Naming rules and restrictions for Azure
 * resources" (Microsoft.Resources, Microsoft.Network, Microsoft.Storage) and the azurerm validators
 * (`ValidateResourceGroupName`: `^[-\w._()]+$`, at most 90, no trailing period, where Go's `\w` is ASCII;
 * `PrivateLinkName`: 1-80). Where ARM also accepts Unicode letters (resource groups), the rule keeps to
 * ASCII, which both accept.
 */
import { JS_BUILT_IN_NAMES, lookupTable } from './lookup';

/** A naming rule: the pattern and a sentence that tells the user how to fix a bad name. */
export interface NameRule {
  readonly pattern: RegExp;
  readonly description: string;
  /** Names the pattern lets through that must still be refused. @default [] */
  readonly reserved?: readonly string[];
}

/**
 * Names Terraform reserves for meta-arguments, which no input variable may take (Terraform docs,
 * "Input Variables": source, version, providers, count, for_each, lifecycle, depends_on, locals).
 */
const TERRAFORM_RESERVED_VARIABLE_NAMES = [
  'source',
  'version',
  'providers',
  'count',
  'for_each',
  'lifecycle',
  'depends_on',
  'locals',
];

/** Naming rules by entity. */
export const NAME_RULES = {
  registry: { pattern: /^[a-zA-Z0-9]{5,50}$/, description: '5-50 letters and digits' },
  replication: { pattern: /^[a-zA-Z0-9]{5,50}$/, description: '5-50 letters and digits' },
  webhook: { pattern: /^[a-zA-Z0-9]{5,50}$/, description: '5-50 letters and digits' },
  scopeMap: { pattern: /^[a-zA-Z0-9-]{5,49}$/, description: '5-49 letters, digits or hyphens' },
  token: {
    pattern: /^[a-zA-Z][a-zA-Z0-9-]{4,48}$/,
    description: 'a letter, then letters, digits or hyphens, 5-49 in all',
  },
  task: { pattern: /^[a-zA-Z0-9_-]{5,50}$/, description: '5-50 letters, digits, hyphens or underscores' },
  repository: {
    pattern: /^[a-z0-9]+(?:[._/-][a-z0-9]+)*$/,
    description: 'lowercase letters and digits, separated by ".", "-", "_" or "/"',
  },
  /** Also the stack name, a folder under cdktf.out/stacks and the Terraform state key. */
  environment: {
    pattern: /^[a-z][a-z0-9-]{1,19}$/,
    description: '2-20 lowercase letters, digits or hyphens, starting with a letter',
    reserved: JS_BUILT_IN_NAMES,
  },
  resourceGroup: {
    pattern: /^[-\w.()]{0,89}[-\w()]$/,
    description:
      '1-90 letters, digits, underscores, parentheses, hyphens or periods, not ending with a period',
  },
  /** Microsoft Learn: 2-64; azurerm PrivateLinkName: 1-80. Also a construct ID beside the VNet links. */
  privateEndpoint: {
    pattern: /^[a-zA-Z0-9][\w.-]{0,62}\w$/,
    description:
      '2-64 letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore',
    reserved: [...JS_BUILT_IN_NAMES, 'zone'],
  },
  /** Microsoft Learn: privateDnsZones/virtualNetworkLinks 1-80. Also a construct ID beside the endpoints. */
  vnetLink: {
    pattern: /^[a-zA-Z0-9](?:[\w.-]{0,78}\w)?$/,
    description:
      '1-80 letters, digits, underscores, periods or hyphens, starting with a letter or digit and ending with a letter, digit or underscore',
    reserved: [...JS_BUILT_IN_NAMES, 'zone'],
  },
  storageAccount: { pattern: /^[a-z0-9]{3,24}$/, description: '3-24 lowercase letters and digits' },
  storageContainer: {
    pattern: /^(?=.{3,63}$)[a-z0-9]+(?:-[a-z0-9]+)*$/,
    description:
      '3-63 lowercase letters, digits or hyphens, starting and ending with a letter or digit, without two hyphens in a row',
  },
  /** A sensitive input: a Terraform variable and a Pulumi secret config key. */
  input: {
    pattern: /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/,
    description: 'a letter or underscore, then letters, digits or underscores, 64 in all',
    reserved: [...JS_BUILT_IN_NAMES, ...TERRAFORM_RESERVED_VARIABLE_NAMES],
  },
} as const satisfies Record<string, NameRule>;

/** True when `name` follows the rule of `entity`, reserved names included. */
export function isValidName(entity: NamedEntity, name: string): boolean {
  const rule: NameRule = NAME_RULES[entity];
  return rule.pattern.test(name) && !(rule.reserved ?? []).includes(name);
}

/** An entity with a naming rule. */
export type NamedEntity = keyof typeof NAME_RULES;

/** The login server of a registry: `<name lowercased>.azurecr.io`. */
export function loginServer(registryName: string): string {
  return `${registryName.toLowerCase()}.azurecr.io`;
}

/** The permissions a scope map can grant on a repository. */
export const SCOPE_MAP_PERMISSIONS = [
  'content/read',
  'content/write',
  'content/delete',
  'metadata/read',
  'metadata/write',
] as const;

/** A scope-map permission. */
export type ScopeMapPermission = (typeof SCOPE_MAP_PERMISSIONS)[number];

/** Permissions that change what is stored; none of them may be held by a token in a pull-only environment. */
export const WRITE_PERMISSIONS: ReadonlySet<ScopeMapPermission> = new Set([
  'content/write',
  'content/delete',
  'metadata/write',
]);

/** The scope-map action string for a repository and permission. */
export function scopeMapAction(repository: string, permission: ScopeMapPermission): string {
  return `repositories/${repository}/${permission}`;
}

/**
 * True when `repository` is a valid scope-map repository pattern: a repository name, a prefix ending in
 * `/*` (one wildcard, at the end), or `*`.
 */
export function isScopeMapRepository(repository: string): boolean {
  if (repository === '*') return true;
  const base = repository.endsWith('/*') ? repository.slice(0, -2) : repository;
  return !base.includes('*') && NAME_RULES.repository.pattern.test(base);
}

const SCOPE_MAP_ACTION = /^repositories\/(.+)\/(content\/(?:read|write|delete)|metadata\/(?:read|write))$/;

/** Parses a scope-map action string; undefined when it is not one. */
export function parseScopeMapAction(
  action: string,
): { readonly repository: string; readonly permission: ScopeMapPermission } | undefined {
  const match = SCOPE_MAP_ACTION.exec(action);
  if (!match || !isScopeMapRepository(match[1])) return undefined;
  return { repository: match[1], permission: match[2] as ScopeMapPermission };
}

/** Webhook actions. */
export const WEBHOOK_ACTIONS = ['push', 'delete', 'quarantine', 'chart_push', 'chart_delete'] as const;

/** A webhook action. */
export type WebhookAction = (typeof WEBHOOK_ACTIONS)[number];

/** True when `scope` is a valid webhook scope: `repo:tag`, `repo:*` or `repo` (empty: all). */
export function isWebhookScope(scope: string): boolean {
  if (scope === '') return true;
  const [repository, tag, ...rest] = scope.split(':');
  if (rest.length > 0 || !NAME_RULES.repository.pattern.test(repository)) return false;
  return tag === undefined || tag === '*' || /^[\w][\w.-]{0,127}$/.test(tag);
}

/**
 * Name of the user-assigned identity that imports images from environment `from` into `to` (one per hop
 * of the promotion chain). Policy recognises promotion identities across stacks by this name.
 */
export function promotionIdentityName(from: string, to: string): string {
  return `id-promote-${from}-to-${to}`;
}

/**
 * The system scope maps every registry has, with the actions they grant on all repositories. Source:
 * Microsoft Learn "Create a token with repository-scoped permissions" (`_repositories_pull`,
 * `_repositories_pull_metadata_read`, `_repositories_push`, `_repositories_push_metadata_write`,
 * `_repositories_admin`).
 */
export const SYSTEM_SCOPE_MAP_ACTIONS: Readonly<Record<string, readonly string[]>> = lookupTable({
  _repositories_pull: ['repositories/*/content/read'],
  _repositories_pull_metadata_read: ['repositories/*/content/read', 'repositories/*/metadata/read'],
  _repositories_push: ['repositories/*/content/read', 'repositories/*/content/write'],
  _repositories_push_metadata_write: [
    'repositories/*/content/read',
    'repositories/*/content/write',
    'repositories/*/metadata/read',
    'repositories/*/metadata/write',
  ],
  _repositories_admin: [
    'repositories/*/content/read',
    'repositories/*/content/write',
    'repositories/*/content/delete',
    'repositories/*/metadata/read',
    'repositories/*/metadata/write',
  ],
});
