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
import { ProblemList } from './problems';
import type { Problem } from './problems';
import { isValidName } from './names';
import { closest, describeType, propertyPath, quoted, textProblem } from './validators';

/** A string; every string of a declaration must also pass `textProblem`. */
interface StringShape {
  readonly kind: 'string';
}
/** A finite number. */
interface NumberShape {
  readonly kind: 'number';
}
interface BooleanShape {
  readonly kind: 'boolean';
}
/** An object of string values under string keys (tags). */
interface RecordShape {
  readonly kind: 'record';
}
interface ArrayShape<E> {
  readonly kind: 'array';
  readonly element: ShapeOf<E>;
}
/** A property of an object: its shape and whether it may be left out. */
interface Field<S> {
  readonly shape: S;
  readonly optional: boolean;
}
interface ObjectShape<T> {
  readonly kind: 'object';
  readonly fields: {
    readonly [K in keyof T]-?: Field<ShapeOf<Exclude<T[K], undefined>>> & {
      readonly optional: undefined extends T[K] ? true : false;
    };
  };
}
/** One of several object shapes, told apart by their `type` property. */
interface UnionShape<T extends { readonly type: string }> {
  readonly kind: 'union';
  readonly options: { readonly [D in T['type']]: ObjectShape<Extract<T, { readonly type: D }>> };
}

type IsUnion<T, U = T> = T extends unknown ? ([U] extends [T] ? false : true) : never;

/** The shape that describes values of type `T`. */
type ShapeOf<T> = [T] extends [string]
  ? StringShape
  : [T] extends [number]
    ? NumberShape
    : [T] extends [boolean]
      ? BooleanShape
      : [T] extends [readonly (infer E)[]]
        ? ArrayShape<E>
        : true extends IsUnion<T>
          ? [T] extends [{ readonly type: string }]
            ? UnionShape<T>
            : never
          : [T] extends [Readonly<Record<string, string>>]
            ? RecordShape
            : ObjectShape<T>;

/** Any shape, for the walker. */
type AnyShape =
  | StringShape
  | NumberShape
  | BooleanShape
  | RecordShape
  | { readonly kind: 'array'; readonly element: AnyShape }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Field<AnyShape>>> }
  | { readonly kind: 'union'; readonly options: Readonly<Record<string, AnyShape>> };

const text: StringShape = { kind: 'string' };
const num: NumberShape = { kind: 'number' };
const bool: BooleanShape = { kind: 'boolean' };
const tags: RecordShape = { kind: 'record' };

function required<S>(shape: S): { readonly shape: S; readonly optional: false } {
  return { shape, optional: false };
}

function optional<S>(shape: S): { readonly shape: S; readonly optional: true } {
  return { shape, optional: true };
}

function list<E>(element: ShapeOf<E>): ArrayShape<E> {
  return { kind: 'array', element };
}

function object<T>(fields: ObjectShape<T>['fields']): ObjectShape<T> {
  return { kind: 'object', fields };
}

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

const ARTICLES: Readonly<Record<AnyShape['kind'], string>> = {
  string: 'a string',
  number: 'a finite number',
  boolean: 'true or false',
  record: 'an object of strings',
  array: 'an array',
  object: 'an object',
  union: 'an object',
};

/** Most items any list of a declaration may hold (Premium allows 50,000 tokens). */
const MAX_ITEMS = 100_000;

/**
 * What the walk finds: `shape` problems (a missing property, a wrong type, an unknown property) leave
 * nothing the rules could read; `text` problems (a control character, `${`) leave a value of the right
 * type, which the rules still judge.
 */
interface Problems {
  readonly shape: ProblemList;
  readonly text: ProblemList;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorText(error: unknown): string {
  return error instanceof Error ? quoted(error.message) : describeType(error);
}

/** Own enumerable string keys; a problem instead of an exception when the object refuses to list them. */
function ownKeys(value: object, path: string, problems: Problems): string[] {
  try {
    return Object.keys(value);
  } catch (error) {
    problems.shape.add(path, `its properties cannot be read (${errorText(error)})`, 'export plain data');
    return [];
  }
}

/** The own property `key` of `value` (never an inherited one); a problem when reading it throws. */
function ownValue(value: Record<string, unknown>, key: string, path: string, problems: Problems): unknown {
  try {
    return Object.prototype.hasOwnProperty.call(value, key) ? value[key] : undefined;
  } catch (error) {
    problems.shape.add(
      `${path}${propertyPath(key)}`,
      `reading it failed (${errorText(error)})`,
      'export plain data',
    );
    return undefined;
  }
}

function wrongType(value: unknown, shape: AnyShape, path: string, problems: Problems): undefined {
  const notPlain = typeof value === 'object' && value !== null && !Array.isArray(value) && !isObject(value);
  const got =
    typeof value === 'number' && !Number.isFinite(value)
      ? 'a number that is not finite'
      : notPlain
        ? 'an object that is not plain data (a Map, a Date, a class instance)'
        : describeType(value);
  problems.shape.add(path, `expected ${ARTICLES[shape.kind]}, got ${got}`, `write ${ARTICLES[shape.kind]}`);
  return undefined;
}

/** Records a text problem of `value`, which is kept: its type is right, so the rules can still judge it. */
function checkString(value: string, path: string, problems: Problems): string {
  const problem = textProblem(value);
  if (problem !== undefined)
    problems.text.add(path, `${quoted(value)} ${problem}`, 'use plain, printable text without "${" or "%{"');
  return value;
}

/** Checks `value` against `shape` and returns a plain copy of it (incomplete after a shape problem). */
function walk(value: unknown, shape: AnyShape, path: string, problems: Problems): unknown {
  switch (shape.kind) {
    case 'string':
      return typeof value === 'string'
        ? checkString(value, path, problems)
        : wrongType(value, shape, path, problems);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? value
        : wrongType(value, shape, path, problems);
    case 'boolean':
      return typeof value === 'boolean' ? value : wrongType(value, shape, path, problems);
    case 'array':
      return Array.isArray(value)
        ? walkArray(value, shape.element, path, problems)
        : wrongType(value, shape, path, problems);
    case 'record':
      return isObject(value) ? walkRecord(value, path, problems) : wrongType(value, shape, path, problems);
    case 'object':
      return isObject(value)
        ? walkObject(value, shape.fields, path, problems)
        : wrongType(value, shape, path, problems);
    case 'union':
      return isObject(value)
        ? walkUnion(value, shape.options, path, problems)
        : wrongType(value, shape, path, problems);
  }
}

function walkArray(value: readonly unknown[], element: AnyShape, path: string, problems: Problems): unknown {
  if (value.length > MAX_ITEMS) {
    problems.shape.add(
      path,
      `${value.length} items are more than any Azure limit`,
      `keep at most ${MAX_ITEMS} items`,
    );
    return undefined;
  }
  return Array.from({ length: value.length }, (_, i) => walk(value[i], element, `${path}[${i}]`, problems));
}

function walkRecord(value: Record<string, unknown>, path: string, problems: Problems): unknown {
  const entries: [string, unknown][] = [];
  for (const key of ownKeys(value, path, problems)) {
    const at = `${path}${propertyPath(key)}`;
    const problem = textProblem(key);
    if (problem !== undefined)
      problems.text.add(at, `the name ${quoted(key)} ${problem}`, 'use plain, printable text');
    entries.push([key, walk(ownValue(value, key, path, problems), text, at, problems)]);
  }
  // fromEntries defines own properties, so even a `__proto__` key stays an ordinary entry.
  return Object.fromEntries(entries);
}

function walkObject(
  value: Record<string, unknown>,
  fields: Readonly<Record<string, Field<AnyShape>>>,
  path: string,
  problems: Problems,
): unknown {
  const known = Object.keys(fields);
  for (const key of ownKeys(value, path, problems)) {
    if (Object.prototype.hasOwnProperty.call(fields, key)) continue;
    const meant = closest(key, known);
    problems.shape.add(
      `${path}${propertyPath(key)}`,
      `unknown property ${quoted(key)}${meant === undefined ? '' : ` (did you mean "${meant}"?)`}`,
      `remove it; the properties here are ${known.join(', ')}`,
    );
  }
  const copy: [string, unknown][] = [];
  for (const key of known) {
    const field = fields[key];
    const at = `${path}${propertyPath(key)}`;
    const item = ownValue(value, key, path, problems);
    if (item === undefined) {
      if (!field.optional)
        problems.shape.add(at, `${key} is required (${ARTICLES[field.shape.kind]})`, `add ${key}`);
      continue;
    }
    copy.push([key, walk(item, field.shape, at, problems)]);
  }
  return Object.fromEntries(copy);
}

function walkUnion(
  value: Record<string, unknown>,
  options: Readonly<Record<string, AnyShape>>,
  path: string,
  problems: Problems,
): unknown {
  const kinds = Object.keys(options);
  const type = ownValue(value, 'type', path, problems);
  if (typeof type !== 'string' || !kinds.includes(type)) {
    problems.shape.add(
      `${path}.type`,
      type === undefined ? 'type is missing' : `type ${quoted(type)} is unknown`,
      `use one of ${kinds.map((k) => `"${k}"`).join(', ')}`,
    );
    return undefined;
  }
  return walk(value, options[type], path, problems);
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
  const problems: Problems = { shape: new ProblemList(), text: new ProblemList() };
  const copy = walk(estate, ESTATE_SHAPE as AnyShape, '', problems) as EstateDeclaration | undefined;
  const relabelled = (list: ProblemList): Problem[] =>
    list.all.map((p) => ({ ...p, path: relabel(p.path, estate) }));
  const shapeProblems = relabelled(problems.shape);
  return {
    estate: shapeProblems.length === 0 ? copy : undefined,
    shapeProblems,
    textProblems: relabelled(problems.text),
  };
}

function relabel(path: string, estate: unknown): string {
  const match = /^\.environments\[(\d+)\]/.exec(path);
  if (match) return `${environmentLabel(estate, Number(match[1]))}${path.slice(match[0].length)}`;
  return path === '' ? 'estate' : path.slice(1);
}
