/**
 * Secrets never reach a preview. Plan JSON carries sensitive values in clear text (only the
 * `*_sensitive` masks say which), Pulumi prints `[secret]` unless asked not to, and a synthesized tree
 * can hold literal secrets: every value goes through here before it is stored in a `ResourceChange`.
 */
import {
  SENSITIVE_ATTRIBUTES,
  SENSITIVE_PROPERTIES_AZURE_NATIVE,
} from '../constructs/model/provider-defaults';
import type { JsonObject, JsonValue } from './changes';
import { isObject } from './changes';
import { PULUMI_SECRET_MARKER } from '../constructs/model/plan-formats';

/** What a redacted value is shown as. */
export const REDACTED = '(sensitive)';

/** Pulumi's signature key and value of a serialized secret (`{ "4dabf18193072939515e22adb298388d": ... }`). */
const PULUMI_SECRET_SIG_KEY = '4dabf18193072939515e22adb298388d';
const PULUMI_SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

/**
 * A safety net for secrets in attributes the model does not list (hand-written resources, escape hatches):
 * any key that names a password, secret, key or token credential is redacted wherever it appears.
 */
const SECRET_KEY =
  /password|secret|access_?key|access_?token|connection_?string|custom_?headers|sas_?token|private_?key/i;

/**
 * Replaces every value the Terraform sensitivity mask marks (`true`) with `REDACTED`. The mask mirrors the
 * value's shape; `true` at any level covers everything below it.
 */
export function applySensitiveMask(value: JsonValue | undefined, mask: unknown): JsonValue | undefined {
  if (value === undefined) return undefined;
  if (mask === true) return value === null ? null : REDACTED;
  if (Array.isArray(mask) && Array.isArray(value)) {
    return value.map((item, index) => applySensitiveMask(item, mask[index]) ?? null);
  }
  if (isObject(mask) && isObject(value)) {
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) out[key] = applySensitiveMask(item, mask[key]) ?? null;
    return out;
  }
  return value;
}

/**
 * Redacts the attributes the model knows to be secret for `type` (Terraform type or Pulumi token) and any
 * key that looks like a credential, at any depth.
 */
export function redactKnownSecrets(type: string, values: JsonObject): JsonObject {
  const known = new Set([
    ...(SENSITIVE_ATTRIBUTES[type] ?? []),
    ...(SENSITIVE_PROPERTIES_AZURE_NATIVE[type] ?? []),
  ]);
  const out: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(values)) {
    out[key] = known.has(key) || SECRET_KEY.test(key) ? hide(value) : redactByKey(value);
  }
  return out;
}

/** Replaces Pulumi's secret markers (`[secret]`, serialized secret objects) with `REDACTED`. */
export function redactPulumiSecrets(value: JsonValue): JsonValue {
  if (value === PULUMI_SECRET_MARKER) return REDACTED;
  if (Array.isArray(value)) return value.map(redactPulumiSecrets);
  if (isObject(value)) {
    if (value[PULUMI_SECRET_SIG_KEY] === PULUMI_SECRET_SIG) return REDACTED;
    const out: Record<string, JsonValue> = {};
    for (const [key, item] of Object.entries(value)) out[key] = redactPulumiSecrets(item);
    return out;
  }
  return value;
}

function redactByKey(value: JsonValue): JsonValue {
  if (Array.isArray(value)) return value.map(redactByKey);
  if (!isObject(value)) return value;
  const out: Record<string, JsonValue> = {};
  for (const [key, item] of Object.entries(value))
    out[key] = SECRET_KEY.test(key) ? hide(item) : redactByKey(item);
  return out;
}

/** Hides a value but keeps its absence visible: null and empty collections say nothing secret. */
function hide(value: JsonValue): JsonValue {
  if (value === null) return null;
  if (Array.isArray(value) && value.length === 0) return value;
  if (isObject(value) && Object.keys(value).length === 0) return value;
  return REDACTED;
}
