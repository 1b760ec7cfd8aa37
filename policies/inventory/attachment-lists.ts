/**
 * The lists of items an adapter attaches to each registry while it builds an inventory, and what it
 * attached to registries outside the input. Split from types.ts, which re-exports them.
 */
import type { ExternalIngest, ExternalTask, ExternalToken, Registry, RoleAssignment } from './types';

/** The kinds of item an adapter attaches to a registry. */
export const ATTACHMENT_KINDS = [
  'privateEndpoints',
  'roleAssignments',
  'scopeMaps',
  'tokens',
  'webhooks',
  'tasks',
  'diagnostics',
  'locks',
  'agentPools',
  'credentialSets',
  'cacheRules',
  'ingests',
] as const;

/** A kind of attached item. */
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The lists of items attached to one registry, filled by an adapter. */
export type Attachments = { -readonly [K in AttachmentKind]: Registry[K][number][] };

/** Empty attachment lists. */
export function emptyAttachments(): Attachments {
  return {
    privateEndpoints: [],
    roleAssignments: [],
    scopeMaps: [],
    tokens: [],
    webhooks: [],
    tasks: [],
    diagnostics: [],
    locks: [],
    agentPools: [],
    credentialSets: [],
    cacheRules: [],
    ingests: [],
  };
}

/** What an adapter attached: lists per registry key (address or URN), and grants on registries outside the input. */
export interface AttachResult {
  readonly attached: ReadonlyMap<string, Attachments>;
  readonly externalRoleAssignments: RoleAssignment[];
  readonly externalTokens: ExternalToken[];
  readonly externalTasks: ExternalTask[];
  readonly externalIngests: ExternalIngest[];
}
