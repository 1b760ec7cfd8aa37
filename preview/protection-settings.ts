/**
 * The protective settings of a registry as one side of a change shows them, in either engine's spelling:
 * public network access, admin user, anonymous pull, export, quarantine, retention, the network rules'
 * default action. An attribute the input omits takes the provider's default (the model's
 * REGISTRY_DEFAULTS / REGISTRY_DEFAULTS_AZURE_NATIVE); a value known only after apply, or a reference
 * (`${var.x}`), is undefined: no verdict on what could not be read.
 */
import { REGISTRY_DEFAULTS, REGISTRY_DEFAULTS_AZURE_NATIVE } from '../constructs/model/provider-defaults';
import { DEFAULT_RETENTION_DAYS } from '../constructs/model/retention';
import type { JsonObject, JsonValue, ResourceChange } from './changes';
import { isObject } from './changes';
import { isUnder, joinPath } from './paths';
import { GENERIC_ARM_TYPES } from '../constructs/model/removal-kinds';
import { classicInputOf } from '../constructs/model/pulumi-classic-types';
import { isClassic, propertiesOf } from './resource-kinds';

/** A registry's protective settings; undefined where unreadable. */
export interface ProtectionSettings {
  readonly publicNetworkAccess?: boolean;
  readonly adminUser?: boolean;
  readonly anonymousPull?: boolean;
  readonly exportEnabled?: boolean;
  readonly quarantine?: boolean;
  /** Days untagged manifests are kept; 0 is off. */
  readonly retentionDays?: number;
  readonly networkDefaultAction?: string;
}

/** The settings of `side` of a registry change; `{}` when that side does not exist. */
export function protectionSettings(resource: ResourceChange, side: 'before' | 'after'): ProtectionSettings {
  const values = resource[side];
  if (!values) return {};
  const unknown = side === 'after' ? resource.unknownAfter : [];
  const reader =
    (from: JsonObject, prefix = ''): Read =>
    (path: string) => {
      const full = prefix === '' ? path : joinPath(prefix, path);
      return unknown.some((u) => isUnder(full, u) || isUnder(u, full)) ? UNREADABLE : at(from, path);
    };
  if (GENERIC_ARM_TYPES.has(resource.type)) {
    // An azapi registry's ARM properties, spelled as azure-native spells them (it flattens `properties`).
    const properties = propertiesOf(resource.type, values);
    return properties === 'unknown' || properties === undefined
      ? {}
      : azureNative(reader(properties as JsonObject, 'body.properties'));
  }
  const read = reader(values);
  if (isClassic(resource.type)) return azurerm(read, classicInputOf);
  return resource.type.startsWith('azure-native:') ? azureNative(read) : azurerm(read);
}

/** Marks a value known only after apply (distinct from absent, which means the default). */
const UNREADABLE = Symbol('unreadable') as unknown as JsonValue;

type Read = (path: string) => JsonValue | undefined;

/** How one setting is read: the attribute path, how its value is read, the value when absent. */
type Spec = readonly [
  path: string,
  parse: (value: JsonValue | undefined, fallback: never) => boolean | number | string | undefined,
  fallback: boolean | number | string,
];

type Specs = Readonly<Record<Exclude<keyof ProtectionSettings, 'retentionDays'>, Spec>>;

const AZURERM: Specs = {
  publicNetworkAccess: [
    'public_network_access_enabled',
    bool,
    REGISTRY_DEFAULTS.public_network_access_enabled,
  ],
  adminUser: ['admin_enabled', bool, REGISTRY_DEFAULTS.admin_enabled],
  anonymousPull: ['anonymous_pull_enabled', bool, REGISTRY_DEFAULTS.anonymous_pull_enabled],
  exportEnabled: ['export_policy_enabled', bool, REGISTRY_DEFAULTS.export_policy_enabled],
  quarantine: ['quarantine_policy_enabled', bool, REGISTRY_DEFAULTS.quarantine_policy_enabled],
  networkDefaultAction: [
    'network_rule_set.default_action',
    str,
    REGISTRY_DEFAULTS.network_rule_set_default_action,
  ],
};

const AZURE_NATIVE: Specs = {
  publicNetworkAccess: ['publicNetworkAccess', status, REGISTRY_DEFAULTS_AZURE_NATIVE.publicNetworkAccess],
  adminUser: ['adminUserEnabled', bool, REGISTRY_DEFAULTS_AZURE_NATIVE.adminUserEnabled],
  anonymousPull: ['anonymousPullEnabled', bool, REGISTRY_DEFAULTS_AZURE_NATIVE.anonymousPullEnabled],
  exportEnabled: ['policies.exportPolicy.status', status, REGISTRY_DEFAULTS_AZURE_NATIVE.exportPolicyStatus],
  quarantine: [
    'policies.quarantinePolicy.status',
    status,
    REGISTRY_DEFAULTS_AZURE_NATIVE.quarantinePolicyStatus,
  ],
  networkDefaultAction: [
    'networkRuleSet.defaultAction',
    str,
    REGISTRY_DEFAULTS_AZURE_NATIVE.networkRuleSetDefaultAction,
  ],
};

function readSpecs(read: Read, specs: Specs): Record<string, boolean | number | string | undefined> {
  const out: Record<string, boolean | number | string | undefined> = {};
  for (const [key, [path, parse, fallback]] of Object.entries(specs))
    out[key] = parse(read(path), fallback as never);
  return out;
}

/**
 * azurerm's settings; `spell` turns an attribute into the classic provider's input when reading one
 * (its attributes in camelCase), each segment of a path on its own.
 */
function azurerm(read: Read, spell: (attribute: string) => string = (a) => a): ProtectionSettings {
  const spelled: Read = (path) => read(path.split('.').map(spell).join('.'));
  return azurermSpelled(spelled);
}

function azurermSpelled(read: Read): ProtectionSettings {
  const legacy = read('retention_policy');
  const hasLegacy =
    legacy !== undefined && legacy !== null && !(Array.isArray(legacy) && legacy.length === 0);
  return clean({
    ...readSpecs(read, AZURERM),
    retentionDays: hasLegacy
      ? legacyRetention(legacy)
      : days(read('retention_policy_in_days'), REGISTRY_DEFAULTS.retention_policy_in_days),
  });
}

/** azurerm v3's `retention_policy { days, enabled }` block (plan list or synthesized object). */
function legacyRetention(block: JsonValue): number | undefined {
  const first = Array.isArray(block) ? block[0] : block;
  if (!isObject(first)) return undefined;
  const enabled = bool(first.enabled, false);
  if (enabled === false) return 0;
  return enabled === undefined ? undefined : days(first.days, DEFAULT_RETENTION_DAYS);
}

function azureNative(read: Read): ProtectionSettings {
  const retention = status(
    read('policies.retentionPolicy.status'),
    REGISTRY_DEFAULTS_AZURE_NATIVE.retentionPolicyStatus,
  );
  // An enabled retention policy without `days` keeps untagged manifests the service default.
  const retentionDays =
    retention === undefined
      ? undefined
      : retention
        ? days(read('policies.retentionPolicy.days'), DEFAULT_RETENTION_DAYS)
        : 0;
  return clean({ ...readSpecs(read, AZURE_NATIVE), retentionDays });
}

/** The value at a dotted path; a single-element list (a Terraform block) is stepped through. */
function at(values: JsonObject, path: string): JsonValue | undefined {
  let current: JsonValue | undefined = values;
  for (const key of path.split('.')) {
    if (Array.isArray(current)) current = current.length === 1 ? current[0] : undefined;
    current = isObject(current) ? current[key] : undefined;
  }
  return current;
}

function bool(value: JsonValue | undefined, fallback: boolean): boolean | undefined {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'boolean' ? value : undefined;
}

function status(value: JsonValue | undefined, fallback: string): boolean | undefined {
  const v = value === undefined || value === null ? fallback : value;
  if (typeof v !== 'string') return undefined;
  if (/^(enabled)$/i.test(v)) return true;
  return /^(disabled)$/i.test(v) ? false : undefined;
}

function days(value: JsonValue | undefined, fallback: number): number | undefined {
  if (value === undefined || value === null) return fallback;
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value)
        ? Number(value)
        : NaN;
  return Number.isFinite(n) ? n : undefined;
}

function str(value: JsonValue | undefined, fallback: string): string | undefined {
  if (value === undefined || value === null) return fallback;
  return typeof value === 'string' && !value.includes('${') ? value : undefined;
}

function clean(settings: Record<string, boolean | number | string | undefined>): ProtectionSettings {
  const out: Record<string, boolean | number | string> = {};
  for (const [key, value] of Object.entries(settings)) if (value !== undefined) out[key] = value;
  return out as ProtectionSettings;
}
