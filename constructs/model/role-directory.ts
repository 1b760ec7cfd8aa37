/**
 * The role directory: every Azure built-in role that reaches a container registry, with its role
 * definition ID, its permissions (actions and data actions, as Microsoft publishes them), whether it
 * takes an ABAC repository condition, and the abilities those permissions give. Custom roles get their
 * abilities from the same function, so a built-in role and a custom role with the same permissions are
 * judged alike.
 *
 * Sources (checked 2026, see ../shared/FACTS.md section 3):
 * - IDs: Microsoft Learn "Azure built-in roles" (learn.microsoft.com/azure/role-based-access-control/
 *   built-in-roles, generated reference, ms.date 2026-09-10): every ID below appears there.
 * - Permissions: Microsoft Learn "Azure built-in roles for Containers" and "... for Privileged"
 *   (MicrosoftDocs/azure-docs articles/role-based-access-control/built-in-roles/containers.md at
 *   0088bfa7, privileged.md at 0b8729ea; Reader from general.md).
 * - Modes and ABAC support: Microsoft Learn "Azure Container Registry roles directory reference" and
 *   "Microsoft Entra ABAC for repository permissions" (MicrosoftDocs/azure-management-docs
 *   articles/container-registry/*, commit 064a6550): AcrPull/AcrPush/AcrDelete are not honored in ABAC
 *   mode; there Owner, Contributor and Reader keep only the control plane; the repository roles are
 *   the ABAC-enabled ones; Docker Content Trust signing is not supported in ABAC mode.
 */

import type { RoleAbilities, RoleAssignmentMode, RolePermissions } from './role-abilities';
import { REGISTRY_OPERATIONS, ROLE_ASSIGNMENT_MODES, abilitiesFromPermissions } from './role-abilities';

export * from './role-abilities';

/** A built-in role of the directory. */
export interface BuiltInRoleDefinition {
  /** Role name as Azure spells it (the `role_definition_name`). */
  readonly name: string;
  /** Role definition GUID. */
  readonly id: string;
  readonly permissions: RolePermissions;
  /** True when the role accepts an ABAC repository condition (the ABAC-enabled repository roles). */
  readonly takesCondition: boolean;
  /** The modes in which Microsoft documents the role for registries. */
  readonly modes: readonly RoleAssignmentMode[];
  /** What the role can do in any mode (see `abilitiesFromPermissions`). */
  readonly abilities: RoleAbilities;
}

const ACR = REGISTRY_OPERATIONS;

const BOTH: readonly RoleAssignmentMode[] = ROLE_ASSIGNMENT_MODES;
const LEGACY: readonly RoleAssignmentMode[] = ['LegacyRegistryPermissions'];
const ABAC: readonly RoleAssignmentMode[] = ['AbacRepositoryPermissions'];

const REPOSITORY = `${ACR}/repositories`;

/** The directory, by role name (IDs and permissions: Microsoft Learn, see the file comment). */
const DEFINITIONS = {
  AcrPull: { id: '7f951dda-4ed3-4680-a7ca-43fe172d538d', modes: LEGACY, actions: [`${ACR}/pull/read`] },
  AcrPush: {
    id: '8311e382-0749-4cb8-b61a-304f252e45ec',
    modes: LEGACY,
    actions: [`${ACR}/pull/read`, `${ACR}/push/write`],
  },
  AcrDelete: {
    id: 'c2f4ef07-c644-48eb-af81-4b1b4947fb11',
    modes: LEGACY,
    actions: [`${ACR}/artifacts/delete`],
  },
  // Docker Content Trust only; "Signing images with DCT for ABAC-enabled registries is not supported".
  AcrImageSigner: {
    id: '6cef56e8-d556-48e5-a04f-b8e64114680f',
    modes: LEGACY,
    actions: [`${ACR}/sign/write`],
    dataActions: [`${ACR}/trustedCollections/write`],
  },
  AcrQuarantineReader: {
    id: 'cdda3590-29a3-44f6-95f2-9f980659eb04',
    modes: BOTH,
    actions: [`${ACR}/quarantine/read`],
    dataActions: [`${ACR}/quarantinedArtifacts/read`],
  },
  AcrQuarantineWriter: {
    id: 'c8d4ff99-41c3-41a8-9f60-21dfdad59608',
    modes: BOTH,
    actions: [`${ACR}/quarantine/read`, `${ACR}/quarantine/write`],
    dataActions: [`${ACR}/quarantinedArtifacts/read`, `${ACR}/quarantinedArtifacts/write`],
  },
  'Container Registry Repository Reader': {
    id: 'b93aa761-3e63-49ed-ac28-beffa264f7ac',
    modes: ABAC,
    takesCondition: true,
    dataActions: [`${REPOSITORY}/metadata/read`, `${REPOSITORY}/content/read`],
  },
  'Container Registry Repository Writer': {
    id: '2a1e307c-b015-4ebd-883e-5b7698a07328',
    modes: ABAC,
    takesCondition: true,
    dataActions: [
      `${REPOSITORY}/metadata/read`,
      `${REPOSITORY}/content/read`,
      `${REPOSITORY}/metadata/write`,
      `${REPOSITORY}/content/write`,
    ],
  },
  'Container Registry Repository Contributor': {
    id: '2efddaa5-3f1f-4df3-97df-af3f13818f4c',
    modes: ABAC,
    takesCondition: true,
    dataActions: [
      `${REPOSITORY}/metadata/read`,
      `${REPOSITORY}/content/read`,
      `${REPOSITORY}/metadata/write`,
      `${REPOSITORY}/content/write`,
      `${REPOSITORY}/metadata/delete`,
      `${REPOSITORY}/content/delete`,
    ],
  },
  'Container Registry Repository Catalog Lister': {
    id: 'bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7',
    modes: ABAC,
    dataActions: [`${ACR}/catalog/read`],
  },
  'Container Registry Data Importer and Data Reader': {
    id: '577a9874-89fd-4f24-9dbd-b5034d0ad23a',
    modes: BOTH,
    actions: [`${ACR}/importImage/action`, `${ACR}/read`, `${ACR}/pull/read`],
    dataActions: [`${REPOSITORY}/content/read`, `${REPOSITORY}/metadata/read`, `${ACR}/catalog/read`],
  },
  'Container Registry Tasks Contributor': {
    id: 'fb382eab-e894-4461-af04-94435c366c3f',
    modes: BOTH,
    actions: [
      `${ACR}/agentpools/read`,
      `${ACR}/agentpools/write`,
      `${ACR}/agentpools/delete`,
      `${ACR}/agentpools/listQueueStatus/action`,
      `${ACR}/agentpools/operationResults/status/read`,
      `${ACR}/agentpools/operationStatuses/read`,
      `${ACR}/tasks/read`,
      `${ACR}/tasks/write`,
      `${ACR}/tasks/delete`,
      `${ACR}/tasks/listDetails/action`,
      `${ACR}/scheduleRun/action`,
      `${ACR}/listBuildSourceUploadUrl/action`,
      `${ACR}/runs/read`,
      `${ACR}/runs/write`,
      `${ACR}/runs/listLogSasUrl/action`,
      `${ACR}/runs/cancel/action`,
      `${ACR}/taskruns/read`,
      `${ACR}/taskruns/write`,
      `${ACR}/taskruns/delete`,
      `${ACR}/taskruns/listDetails/action`,
      `${ACR}/taskruns/operationStatuses/read`,
      'Microsoft.Resources/deployments/*',
      'Microsoft.Resources/subscriptions/resourceGroups/read',
      `${ACR}/read`,
    ],
  },
  // Actions outside Microsoft.ContainerRegistry (Insights alert rules, Network subnets) are left out:
  // they reach no registry.
  'Container Registry Contributor and Data Access Configuration Administrator': {
    id: '3bc748fc-213d-45c1-8d91-9da5725539b9',
    modes: BOTH,
    actions: [
      `${ACR}/operationStatuses/read`,
      `${ACR}/read`,
      `${ACR}/write`,
      `${ACR}/delete`,
      `${ACR}/listCredentials/action`,
      `${ACR}/regenerateCredential/action`,
      `${ACR}/generateCredentials/action`,
      `${ACR}/replications/read`,
      `${ACR}/replications/write`,
      `${ACR}/replications/delete`,
      `${ACR}/privateEndpointConnectionsApproval/action`,
      `${ACR}/privateEndpointConnections/read`,
      `${ACR}/privateEndpointConnections/write`,
      `${ACR}/privateEndpointConnections/delete`,
      `${ACR}/tokens/read`,
      `${ACR}/tokens/write`,
      `${ACR}/tokens/delete`,
      `${ACR}/scopeMaps/read`,
      `${ACR}/scopeMaps/write`,
      `${ACR}/scopeMaps/delete`,
      `${ACR}/connectedRegistries/read`,
      `${ACR}/connectedRegistries/write`,
      `${ACR}/connectedRegistries/delete`,
      `${ACR}/webhooks/read`,
      `${ACR}/webhooks/write`,
      `${ACR}/webhooks/delete`,
      'Microsoft.Resources/deployments/*',
      'Microsoft.Authorization/*/read',
    ],
  },
  'Container Registry Configuration Reader and Data Access Configuration Reader': {
    id: '69b07be0-09bf-439a-b9a6-e73de851bd59',
    modes: BOTH,
    actions: [
      `${ACR}/operationStatuses/read`,
      `${ACR}/read`,
      `${ACR}/privateEndpointConnections/read`,
      `${ACR}/listCredentials/action`,
      `${ACR}/tokens/read`,
      `${ACR}/scopeMaps/read`,
      `${ACR}/webhooks/read`,
      `${ACR}/replications/read`,
      `${ACR}/connectedRegistries/read`,
    ],
  },
  'Container Registry Cache Rule Administrator': {
    id: 'df87f177-bb12-4db1-9793-a413691eff94',
    modes: BOTH,
    actions: [
      `${ACR}/cacheRules/read`,
      `${ACR}/cacheRules/write`,
      `${ACR}/cacheRules/delete`,
      `${ACR}/cacheRules/operationStatuses/read`,
    ],
  },
  'Container Registry Cache Rule Reader': {
    id: 'c357b964-0002-4b64-a50d-7a28f02edc52',
    modes: BOTH,
    actions: [`${ACR}/cacheRules/read`],
  },
  'Container Registry Credential Set Administrator': {
    id: 'f094fb07-0703-4400-ad6a-e16dd8000e14',
    modes: BOTH,
    actions: [
      `${ACR}/credentialSets/read`,
      `${ACR}/credentialSets/write`,
      `${ACR}/credentialSets/delete`,
      `${ACR}/credentialSets/operationStatuses/read`,
    ],
  },
  'Container Registry Credential Set Reader': {
    id: '29093635-9924-4f2c-913b-650a12949526',
    modes: BOTH,
    actions: [`${ACR}/credentialSets/read`],
  },
  'Container Registry Transfer Pipeline Contributor': {
    id: 'bf94e731-3a51-4a7c-8c54-a1ab9971dfc1',
    modes: BOTH,
    actions: [
      `${ACR}/exportPipelines/read`,
      `${ACR}/exportPipelines/write`,
      `${ACR}/exportPipelines/delete`,
      `${ACR}/importPipelines/read`,
      `${ACR}/importPipelines/write`,
      `${ACR}/importPipelines/delete`,
      `${ACR}/pipelineRuns/read`,
      `${ACR}/pipelineRuns/write`,
      `${ACR}/pipelineRuns/delete`,
      `${ACR}/pipelineRuns/operationStatuses/read`,
    ],
  },
  // Generic roles (privileged.md, general.md). NotActions outside Microsoft.Authorization are left out.
  Owner: { id: '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', modes: BOTH, actions: ['*'] },
  Contributor: {
    id: 'b24988ac-6180-42a0-ab88-20f7382dd24c',
    modes: BOTH,
    actions: ['*'],
    notActions: [
      'Microsoft.Authorization/*/Delete',
      'Microsoft.Authorization/*/Write',
      'Microsoft.Authorization/elevateAccess/Action',
    ],
  },
  Reader: { id: 'acdd72a7-3385-48ef-bd42-f606fba81ae7', modes: BOTH, actions: ['*/read'] },
  'Role Based Access Control Administrator': {
    id: 'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    modes: BOTH,
    actions: [
      'Microsoft.Authorization/roleAssignments/write',
      'Microsoft.Authorization/roleAssignments/delete',
      '*/read',
      'Microsoft.Support/*',
    ],
  },
  'User Access Administrator': {
    id: '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    modes: BOTH,
    actions: ['*/read', 'Microsoft.Authorization/*', 'Microsoft.Support/*'],
  },
} as const satisfies Record<
  string,
  {
    readonly id: string;
    readonly modes: readonly RoleAssignmentMode[];
    readonly takesCondition?: boolean;
    readonly actions?: readonly string[];
    readonly notActions?: readonly string[];
    readonly dataActions?: readonly string[];
  }
>;

/** The name of a built-in role of the directory. */
export type BuiltInRoleName = keyof typeof DEFINITIONS;

/** Every built-in role of the directory, by name. */
export const ROLE_DIRECTORY: Readonly<Record<BuiltInRoleName, BuiltInRoleDefinition>> = Object.fromEntries(
  Object.entries(DEFINITIONS).map(([name, d]) => {
    const entry = d as {
      id: string;
      modes: readonly RoleAssignmentMode[];
      takesCondition?: boolean;
      actions?: readonly string[];
      notActions?: readonly string[];
      dataActions?: readonly string[];
    };
    const permissions: RolePermissions = {
      actions: entry.actions ?? [],
      notActions: entry.notActions ?? [],
      dataActions: entry.dataActions ?? [],
      notDataActions: [],
    };
    const definition: BuiltInRoleDefinition = {
      name,
      id: entry.id,
      permissions,
      takesCondition: entry.takesCondition ?? false,
      modes: entry.modes,
      abilities: abilitiesFromPermissions(permissions),
    };
    return [name, definition];
  }),
) as Record<BuiltInRoleName, BuiltInRoleDefinition>;

/** Every built-in role name of the directory, in directory order. */
export const BUILT_IN_ROLE_NAMES = Object.keys(ROLE_DIRECTORY) as BuiltInRoleName[];

const BY_LOWER_NAME = new Map(BUILT_IN_ROLE_NAMES.map((name) => [name.toLowerCase(), ROLE_DIRECTORY[name]]));
const BY_ID = new Map(BUILT_IN_ROLE_NAMES.map((name) => [ROLE_DIRECTORY[name].id, ROLE_DIRECTORY[name]]));

/** True when `name` is a built-in role name of the directory (exact spelling). */
export function isBuiltInRoleName(name: unknown): name is BuiltInRoleName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(ROLE_DIRECTORY, name);
}

/** The built-in role with this name (Azure matches role names case-insensitively). */
export function builtInRoleByName(name: string): BuiltInRoleDefinition | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

/**
 * The built-in role whose definition ID is `id`: a bare GUID or a role definition ID with any scope
 * prefix (`/subscriptions/<s>/providers/Microsoft.Authorization/roleDefinitions/<guid>`).
 */
export function builtInRoleById(id: string): BuiltInRoleDefinition | undefined {
  const match =
    /(?:^|\/roleDefinitions\/)([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(
      id.trim(),
    );
  return match ? BY_ID.get(match[1].toLowerCase()) : undefined;
}

/** The role definition ID of a built-in role at tenant scope, as ARM spells it. */
export function builtInRoleDefinitionId(name: BuiltInRoleName): string {
  return `/providers/Microsoft.Authorization/roleDefinitions/${ROLE_DIRECTORY[name].id}`;
}

/** What a built-in role can do in `mode` (Owner in ABAC mode: the control plane only). */
export function abilitiesIn(name: BuiltInRoleName, mode: RoleAssignmentMode): RoleAbilities {
  return abilitiesFromPermissions(ROLE_DIRECTORY[name].permissions, mode);
}

/**
 * Key Vault roles the signing identity needs (Microsoft Learn "Sign container images with Notation and
 * Azure Key Vault": "Key Vault Crypto User for signing operations", "Key Vault Certificates User for
 * reading existing certificates"; IDs from "Azure built-in roles", Security). Crypto User is the least
 * built-in role with `keys/sign/action`; both are assigned on the one key and certificate only.
 */
export const KEY_VAULT_SIGNING_ROLES = {
  cryptoUser: { name: 'Key Vault Crypto User', id: '12338af0-0e69-4776-bea7-57ae8d297424' },
  certificateUser: { name: 'Key Vault Certificate User', id: 'db79e9a7-68ee-4b58-9aeb-b90e7c24fcba' },
} as const;
