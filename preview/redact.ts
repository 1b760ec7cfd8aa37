/**
 * Secrets never reach a preview. Plan JSON carries sensitive values in clear text (only the
 * `*_sensitive` masks say which), Pulumi prints `[secret]` unless asked not to, and a synthesized tree
 * can hold literal secrets: every value goes through here before it is stored in a `ResourceChange`.
 */
import {
  SENSITIVE_ARM_PROPERTIES,
  SENSITIVE_ATTRIBUTES,
  SENSITIVE_PROPERTIES_AZURE_NATIVE,
} from '../constructs/model/provider-defaults';
import { lookupTable } from '../constructs/model/lookup';
import { armTypeOf, GENERIC_ARM_TYPES } from '../constructs/model/removal-kinds';
import { azapiBodyOf } from '../policies/inventory/terraform-resources/raw';
import type { JsonObject, JsonValue } from './changes';
import { isObject } from './changes';
import { mapArray, mapObject } from './copy-on-write';
import { PULUMI_SECRET_MARKER } from '../constructs/model/plan-formats';
import { REDACTED, looksLikeSecret } from '../policies/redact';

export { REDACTED, looksLikeSecret, redactSecretText } from '../policies/redact';

/** Pulumi's signature key and value of a serialized secret (`{ "4dabf18193072939515e22adb298388d": ... }`). */
const PULUMI_SECRET_SIG_KEY = '4dabf18193072939515e22adb298388d';
const PULUMI_SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

/**
 * A safety net for secrets in attributes the model does not list (hand-written resources, escape hatches,
 * other azurerm / azure-native types): a key whose words name a credential is redacted wherever it
 * appears. Sources: the azurerm and azure-native schemas mark these sensitive or secret - webhook
 * `service_uri` / `serviceUri` (the URI often carries a token), `*connection_string*`, `kube_config*` /
 * `kube_admin_config*`, `*password*`, `*_key` / `*Key` credentials (`primary_access_key`,
 * `shared_access_key`, `client_key`, `private_key_pem`), `*token*`, `*secret*`, SAS values.
 */
const SECRET_KEY =
  /password|passwd|secret|credential|connection_?string|custom_?headers|kube_?(admin_?)?config|service_?uri|(^|_)(sas|sig)(_|$)|sas_?(token|url|uri)|token$|token_?value|access_?token|auth_?token|api_?key|(access|account|primary|secondary|shared|private|client|admin|master|storage|instrumentation|subscription|signing|encryption)_?key($|_?(pem|value|data|string))|^key$|^value_?content$|context_?access_?token|authorization|\bcert(ificate)?_?(data|pem|password)/i;

/** Answers of `isSecretKey` by key, and how many it keeps at most. */
const SECRET_KEYS = new Map<string, boolean>();
const SECRET_KEYS_CACHED = 4096;

/** True when `key` names a credential (see SECRET_KEY). */
export function isSecretKey(key: string): boolean {
  // A plan repeats a few hundred attribute names over and over: the answer is kept per name, up to a
  // bound, so that a plan with ever new keys (map keys, tags) cannot grow the cache without end.
  let secret = SECRET_KEYS.get(key);
  if (secret === undefined) {
    secret = SECRET_KEY.test(key);
    if (SECRET_KEYS.size < SECRET_KEYS_CACHED) SECRET_KEYS.set(key, secret);
  }
  return secret;
}

/**
 * Replaces every value the Terraform sensitivity mask marks (`true`) with `REDACTED`. The mask mirrors the
 * value's shape; `true` at any level covers everything below it. Copy on write: what the mask leaves
 * alone is the input's own value.
 */
export function applySensitiveMask(value: JsonValue | undefined, mask: unknown): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (mask === true) return value === null ? null : REDACTED;
  if (Array.isArray(mask) && Array.isArray(value)) {
    return mapArray(value, (item, index) => applySensitiveMask(item, mask[index]) ?? null);
  }
  if (isObject(mask) && isObject(value)) {
    return mapObject(value, (item, key) => applySensitiveMask(item, mask[key]) ?? null);
  }
  return value;
}

/**
 * Redacts the attributes the model knows to be secret for `type` (Terraform type or Pulumi token), any
 * key that names a credential, and any string that looks like one, at any depth. The one exception is
 * a task step that only runs `acr purge`: its task file holds filters and ages, no credential, and the
 * danger block compares it (`keepPurgeStep`).
 */
export function redactKnownSecrets(type: string, values: JsonObject): JsonObject {
  if (!GENERIC_ARM_TYPES.has(type)) return redactWith(knownSecrets(type), values);
  // A generic ARM resource (azapi) holds its ARM properties in its body, as azure-native its inputs.
  const armType = armTypeOf(values.type);
  return mapObject(values, (value, key) =>
    key === 'body' ? redactArmBody(armType, value) : redactWith(NO_SECRETS, { [key]: value })[key],
  );
}

/** `values` with the `known` secret attributes hidden (a purge-only step kept) and the rest redacted by key. */
function redactWith(known: ReadonlySet<string>, values: JsonObject): JsonObject {
  // Copy on write: a resource without secrets (most of a plan) keeps its own values.
  return mapObject(values, (value, key) => {
    const kept = known.has(key) ? keepPurgeStep(key, value) : undefined;
    return kept ?? (known.has(key) || isSecretKey(key) ? hideUnder(key, value) : redactByKey(value));
  });
}

/**
 * An azapi body (an object, or in azapi 1.x a JSON string) with the secret ARM properties of its type
 * (`SENSITIVE_ARM_PROPERTIES`) hidden under `properties`, as azure-native's inputs are; a body that
 * is no JSON object is redacted by value.
 */
function redactArmBody(armType: string | undefined, body: JsonValue): JsonValue {
  if (typeof body === 'string') {
    const parsed = azapiBodyOf(body);
    if (parsed === undefined || parsed === 'unknown') return redactByKey(body);
    const redacted = redactArmBody(armType, parsed as JsonObject);
    return redacted === parsed ? body : JSON.stringify(redacted);
  }
  if (!isObject(body)) return redactByKey(body);
  const known = armType !== undefined ? armSecrets(armType) : NO_SECRETS;
  return mapObject(body, (value, key) =>
    key === 'properties' && isObject(value)
      ? redactWith(known, value)
      : redactWith(NO_SECRETS, { [key]: value })[key],
  );
}

/**
 * The model's secret attributes of each type, built once per type (a plan has thousands of changes).
 * Only the model's types are cached, so a plan's own type names cannot grow the cache.
 */
const KNOWN_SECRETS = new Map<string, ReadonlySet<string>>();
const NO_SECRETS: ReadonlySet<string> = new Set();

function knownSecrets(type: string): ReadonlySet<string> {
  const cached = KNOWN_SECRETS.get(type);
  if (cached) return cached;
  const names = [...(SENSITIVE_ATTRIBUTES[type] ?? []), ...(SENSITIVE_PROPERTIES_AZURE_NATIVE[type] ?? [])];
  if (names.length === 0) return NO_SECRETS;
  const known = new Set(names);
  KNOWN_SECRETS.set(type, known);
  return known;
}

/** The secret ARM properties of an ARM type, built once per type of the table. */
const ARM_SECRETS = new Map<string, ReadonlySet<string>>();

function armSecrets(armType: string): ReadonlySet<string> {
  const names = SENSITIVE_ARM_PROPERTIES[armType];
  if (names === undefined) return NO_SECRETS;
  let known = ARM_SECRETS.get(armType);
  if (!known) ARM_SECRETS.set(armType, (known = new Set(names)));
  return known;
}

/** The key of the task file in a task's step, by the step's key in each spelling. */
const TASK_CONTENT_KEYS: Readonly<Record<string, string>> = lookupTable({
  encoded_step: 'task_content', // azurerm
  step: 'encodedTaskContent', // azure-native, ARM (azapi)
  encodedStep: 'taskContent', // the classic provider: azurerm's in camelCase
});

/**
 * The purge step of a task (`encoded_step.task_content` in azurerm, `step.encodedTaskContent` in
 * azure-native and an azapi body, `encodedStep.taskContent` in the classic provider) with everything but the task file redacted, when that file only runs `acr purge`;
 * otherwise undefined (the whole attribute is then hidden).
 */
function keepPurgeStep(key: string, value: JsonValue): JsonValue | undefined {
  const contentKey = TASK_CONTENT_KEYS[key];
  if (contentKey === undefined) return undefined;
  const blocks = Array.isArray(value) ? value : [value];
  const kept = blocks.map((block) => {
    const content = isObject(block) ? block[contentKey] : undefined;
    if (typeof content !== 'string' || !isPurgeOnlyTaskFile(decodeBase64(content))) return undefined;
    const out: Record<string, JsonValue> = {};
    for (const [k, v] of Object.entries(block as JsonObject))
      out[k] = k === contentKey || k === 'type' ? v : hide(v);
    return out;
  });
  if (kept.some((block) => block === undefined)) return undefined;
  return Array.isArray(value) ? (kept as JsonValue[]) : (kept[0] as JsonValue);
}

/** Decodes base64 text; an undecodable value gives ''. */
export function decodeBase64(value: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value)) return '';
  return Buffer.from(value, 'base64').toString('utf8');
}

/** Lines a purge-only task file may have (FACTS: the `acr purge` task of constructs/model/purge.ts). */
const PURGE_FILE_LINE =
  /^(version: v[0-9.]+|steps:|\s*- cmd: .*|\s*-?\s*(disableWorkingDirectoryOverride|timeout): .*|\s*)$/;

/** True when a task file only runs `acr purge` steps and holds nothing that looks like a credential. */
export function isPurgeOnlyTaskFile(content: string): boolean {
  if (content === '' || looksLikeSecret(content)) return false;
  const lines = content.split('\n');
  const commands = lines.filter((line) => /^\s*- cmd: /.test(line));
  return (
    commands.length > 0 &&
    commands.every((line) => /^\s*- cmd: ['"]?acr purge /.test(line)) &&
    lines.every((line) => PURGE_FILE_LINE.test(line))
  );
}

/** Replaces Pulumi's secret markers (`[secret]`, serialized secret objects) with `REDACTED`. */
export function redactPulumiSecrets(value: JsonValue): JsonValue {
  if (value === PULUMI_SECRET_MARKER) return REDACTED;
  if (Array.isArray(value)) return mapArray(value, redactPulumiSecrets);
  if (isObject(value)) {
    if (value[PULUMI_SECRET_SIG_KEY] === PULUMI_SECRET_SIG) return REDACTED;
    return mapObject(value, redactPulumiSecrets);
  }
  return value;
}

/** Key and value redaction below the top level; copy on write, like `redactKnownSecrets`. */
function redactByKey(value: JsonValue): JsonValue {
  if (typeof value === 'string') return looksLikeSecret(value) ? REDACTED : value;
  if (Array.isArray(value)) return mapArray(value, redactByKey);
  if (!isObject(value)) return value;
  return mapObject(value, (item, key) => (isSecretKey(key) ? hideUnder(key, item) : redactByKey(item)));
}

/** The scheme a URI starts with (`https` of `https://host/x`), as the danger block reads it. */
export const URI_SCHEME = /^([a-z][a-z0-9+.-]*):\/\//i;

/** Keys of webhook URIs (azurerm `service_uri`, ARM and Pulumi `serviceUri`). */
const SERVICE_URI_KEY = /^service_?uri$/i;

/**
 * Hides the value of a secret key. A webhook URI keeps its scheme (`http://(sensitive)`): the scheme
 * carries no credential, and it tells whether notifications travel in clear text (ACR-020).
 */
function hideUnder(key: string, value: JsonValue): JsonValue {
  const scheme = typeof value === 'string' && SERVICE_URI_KEY.test(key) ? URI_SCHEME.exec(value) : null;
  return scheme ? `${scheme[1]}://${REDACTED}` : hide(value);
}

/** Hides a value but keeps its absence visible: null and empty collections say nothing secret. */
function hide(value: JsonValue): JsonValue {
  if (value === null) return null;
  if (Array.isArray(value) && value.length === 0) return value;
  if (isObject(value) && Object.keys(value).length === 0) return value;
  return REDACTED;
}
