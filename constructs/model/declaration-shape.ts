/**
 * The shape of a declaration: which properties exist and what type each has. A JavaScript `--estate`
 * module can export anything (numbers for strings, null, strings for arrays, nested garbage, typos in
 * property names), so the shape is checked before any rule reads a value, and the rules only ever see
 * a plain copy of what passed: own data properties, no prototypes, no getters run twice.
 *
 * The shapes are typed from the interfaces in declaration.ts: a property added there and not here (or
 * the other way round, or with another type) is a compile error, so the two never drift apart.
 */
import type {
  AgentPoolDeclaration,
  AzureBackendDeclaration,
  CacheRuleDeclaration,
  CredentialSetDeclaration,
  DiagnosticsDeclaration,
  DockerStepDeclaration,
  EncryptionDeclaration,
  EnvironmentDeclaration,
  EstateDeclaration,
  FileStepDeclaration,
  IdentityDeclaration,
  NetworkRulesDeclaration,
  PrivateDnsDeclaration,
  PrivateEndpointDeclaration,
  PurgeDeclaration,
  PurgeFilterDeclaration,
  RegistryDeclaration,
  ReplicaDeclaration,
  RepositoryPermissions,
  RoleAssignmentDeclaration,
  SourceTriggerDeclaration,
  TaskDeclaration,
  TimerTriggerDeclaration,
  TokenDeclaration,
  VnetLinkDeclaration,
  WebhookDeclaration,
} from './declaration';
import type { SigningDeclaration } from './signing';
import type { ProblemList } from './problems';
import type { Problem } from './problems';
import { isValidName } from './names';
import type { AnyShape, UnionShape } from './shape';
import { bool, list, num, object, optional, required, tags, text } from './shape';
import { walkShape } from './shape-walk';

const replica = object<ReplicaDeclaration>({
  location: required(text),
  zoneRedundancy: optional(bool),
  regionalEndpoint: optional(bool),
  tags: optional(tags),
});

const privateEndpoint = object<PrivateEndpointDeclaration>({
  name: required(text),
  subnetId: required(text),
  location: optional(text),
});

const vnetLink = object<VnetLinkDeclaration>({ name: required(text), virtualNetworkId: required(text) });

const privateDns = object<PrivateDnsDeclaration>({
  existingZoneId: optional(text),
  vnetLinks: optional(list<VnetLinkDeclaration>(vnetLink)),
  linksInZoneSubscription: optional(bool),
});

const roleAssignment = object<RoleAssignmentDeclaration>({
  role: required(text),
  principalId: required(text),
  principalType: optional(text),
  description: optional(text),
  repositories: optional(list<string>(text)),
});

const repositoryPermissions = object<RepositoryPermissions>({
  repository: required(text),
  permissions: required(list<string>(text)),
});

const token = object<TokenDeclaration>({
  name: required(text),
  repositories: required(list<RepositoryPermissions>(repositoryPermissions)),
  passwordLifetimeDays: optional(num),
  enabled: optional(bool),
});

const dockerStep = object<DockerStepDeclaration>({
  type: required(text),
  contextPath: required(text),
  dockerfilePath: optional(text),
  imageNames: required(list<string>(text)),
  push: optional(bool),
});

const fileStep = object<FileStepDeclaration>({
  type: required(text),
  contextPath: required(text),
  taskFilePath: required(text),
  valuesFilePath: optional(text),
});

const sourceTrigger = object<SourceTriggerDeclaration>({
  repositoryUrl: required(text),
  branch: optional(text),
  events: optional(list<string>(text)),
  sourceType: optional(text),
});

const timer = object<TimerTriggerDeclaration>({ name: required(text), schedule: required(text) });

const task = object<TaskDeclaration>({
  name: required(text),
  step: required<UnionShape<DockerStepDeclaration | FileStepDeclaration>>({
    kind: 'union',
    options: { docker: dockerStep, file: fileStep },
  }),
  sourceTrigger: optional(sourceTrigger),
  baseImageTrigger: optional(bool),
  timers: optional(list<TimerTriggerDeclaration>(timer)),
  os: optional(text),
  timeoutSeconds: optional(num),
  gitTokenInput: optional(text),
});

const purgeFilter = object<PurgeFilterDeclaration>({ repository: required(text), tags: optional(text) });

const purge = object<PurgeDeclaration>({
  name: required(text),
  filters: required(list<PurgeFilterDeclaration>(purgeFilter)),
  olderThanDays: required(num),
  keepLast: optional(num),
  protectedTags: optional(list<string>(text)),
  untagged: optional(bool),
  schedule: optional(text),
  timeoutSeconds: optional(num),
});

const webhook = object<WebhookDeclaration>({
  name: required(text),
  serviceUri: required(text),
  actions: required(list<string>(text)),
  scope: optional(text),
  enabled: optional(bool),
  headersInput: optional(text),
});

const registry = object<RegistryDeclaration>({
  name: required(text),
  sku: required(text),
  adminEnabled: optional(bool),
  anonymousPull: optional(bool),
  publicNetworkAccess: optional(bool),
  networkRules: optional(
    object<NetworkRulesDeclaration>({
      defaultAction: optional(text),
      ipRanges: optional(list<string>(text)),
    }),
  ),
  bypassAzureServices: optional(bool),
  zoneRedundancy: optional(bool),
  dataEndpoints: optional(bool),
  quarantine: optional(bool),
  trustPolicy: optional(bool),
  exportEnabled: optional(bool),
  retentionDays: optional(num),
  identity: optional(
    object<IdentityDeclaration>({
      systemAssigned: optional(bool),
      userAssignedIdentityIds: optional(list<string>(text)),
    }),
  ),
  encryption: optional(
    object<EncryptionDeclaration>({
      keyVaultKeyId: required(text),
      keyVaultId: required(text),
      identityId: optional(text),
      identityClientId: optional(text),
      identityPrincipalId: optional(text),
    }),
  ),
  replicas: optional(list<ReplicaDeclaration>(replica)),
  privateEndpoints: optional(list<PrivateEndpointDeclaration>(privateEndpoint)),
  privateDns: optional(privateDns),
  roleAssignments: optional(list<RoleAssignmentDeclaration>(roleAssignment)),
  tokens: optional(list<TokenDeclaration>(token)),
  tasks: optional(list<TaskDeclaration>(task)),
  purges: optional(list<PurgeDeclaration>(purge)),
  webhooks: optional(list<WebhookDeclaration>(webhook)),
  diagnostics: optional(
    object<DiagnosticsDeclaration>({
      logAnalyticsWorkspaceId: optional(text),
      storageAccountId: optional(text),
      eventHubAuthorizationRuleId: optional(text),
      eventHubName: optional(text),
      categoryGroup: optional(text),
    }),
  ),
  agentPool: optional(
    object<AgentPoolDeclaration>({
      name: required(text),
      subnetId: required(text),
      tier: optional(text),
      count: optional(num),
    }),
  ),
  taskNetworkBypass: optional(bool),
  armAudienceTokens: optional(bool),
  softDeleteDays: optional(num),
  roleAssignmentMode: optional(text),
  signing: optional(
    object<SigningDeclaration>({
      keyVaultId: required(text),
      certificateName: required(text),
      repositories: optional(list<string>(text)),
    }),
  ),
  importerRole: optional(text),
  credentialSets: optional(
    list<CredentialSetDeclaration>(
      object<CredentialSetDeclaration>({
        name: required(text),
        loginServer: required(text),
        keyVaultId: required(text),
        usernameSecretId: required(text),
        passwordSecretId: required(text),
      }),
    ),
  ),
  cacheRules: optional(
    list<CacheRuleDeclaration>(
      object<CacheRuleDeclaration>({
        name: required(text),
        source: required(text),
        targetRepository: required(text),
        credentialSet: optional(text),
      }),
    ),
  ),
  lock: optional(bool),
  preventDestroy: optional(bool),
  tags: optional(tags),
});

const environment = object<EnvironmentDeclaration>({
  name: required(text),
  location: required(text),
  resourceGroupName: required(text),
  protected: optional(bool),
  enforcement: optional(text),
  registry: required(registry),
  tags: optional(tags),
});

const backend = object<AzureBackendDeclaration>({
  resourceGroupName: required(text),
  storageAccountName: required(text),
  containerName: required(text),
  keyPrefix: optional(text),
});

/** The shape of a whole estate declaration. */
export const ESTATE_SHAPE = object<EstateDeclaration>({
  environments: required(list<EnvironmentDeclaration>(environment)),
  allowedRegions: optional(list<string>(text)),
  allowedCacheSources: optional(list<string>(text)),
  backend: optional(backend),
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Safe read of `environments[index].name` from raw input: undefined unless it is a plain string. */
function rawEnvironmentName(estate: unknown, index: number): unknown {
  try {
    if (!isObject(estate) || !Array.isArray(estate.environments)) return undefined;
    const env: unknown = estate.environments[index];
    return isObject(env) && Object.prototype.hasOwnProperty.call(env, 'name') ? env.name : undefined;
  } catch {
    return undefined;
  }
}

/**
 * How paths name environment `index` of `estate`: its name when that is a valid environment name
 * (`prod.registry.name`), else its position (`environments[2].registry.name`), so a path never shows
 * text the name rule did not allow.
 */
export function environmentLabel(estate: unknown, index: number): string {
  const name = rawEnvironmentName(estate, index);
  return typeof name === 'string' && isValidName('environment', name) ? name : `environments[${index}]`;
}

/** The result of checking the shape of a declaration. */
export interface ShapeCheck {
  /** A plain copy of the declaration, when every property exists with the right type. */
  readonly estate?: EstateDeclaration | undefined;
  /** Problems of type and structure: when there are any, `estate` is undefined. */
  readonly shapeProblems: readonly Problem[];
  /** Strings of the right type that no rule may accept (control characters, `${`, too long). */
  readonly textProblems: readonly Problem[];
}

/**
 * Checks the shape of an estate declaration: every property exists with the right type, there are no
 * unknown properties, and every string (keys of tag maps included) is plain text. Problems carry their
 * path with environments named by their label (`prod.registry.replicas[0].location`).
 */
export function checkEstateShape(estate: unknown): ShapeCheck {
  const walked = walkShape(estate, ESTATE_SHAPE as AnyShape);
  const copy = walked.copy as EstateDeclaration | undefined;
  const relabelled = (found: ProblemList): Problem[] =>
    found.all.map((p) => ({ ...p, path: relabel(p.path, estate) }));
  const shapeProblems = relabelled(walked.shape);
  return {
    estate: shapeProblems.length === 0 ? copy : undefined,
    shapeProblems,
    textProblems: relabelled(walked.text),
  };
}

function relabel(path: string, estate: unknown): string {
  const match = /^\.environments\[(\d+)\]/.exec(path);
  if (match) return `${environmentLabel(estate, Number(match[1]))}${path.slice(match[0].length)}`;
  return path === '' ? 'estate' : path.slice(1);
}
