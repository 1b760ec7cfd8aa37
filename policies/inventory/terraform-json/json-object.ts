/**
 * JSON objects as the Terraform JSON reader sees them, without the schema library: the public
 * declarations use this type, so a consumer's type check of acr-iac never reaches zod's.
 */

/** A JSON object. */
export type JsonObject = Readonly<Record<string, unknown>>;

/** True for a JSON object (not an array or null). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
