/**
 * Suppressions in the spirit of cdk-nag: a rule ID, a scope and a reason of at least 10 characters.
 * They come from a JSON file or from the code (metadata a construct writes on its resource, see
 * constructs/cdktf/suppressions.ts). Suppressed findings stay in every report; suppressions that
 * match nothing are reported as unused.
 *
 * File format:
 * ```json
 * { "suppressions": [
 *   { "rule": "ACR-015", "environment": "prod", "reason": "Firewall allows *.blob until Q3 migration" },
 *   { "rule": "ACR-020", "address": "azurerm_container_registry_webhook.x", "reason": "..." },
 *   { "rule": "ACR-008", "constructPath": "prod/registry", "reason": "..." }
 * ] }
 * ```
 */
import { InventoryInputError } from './inventory/errors';
import { lazySchema } from './inventory/lazy-schema';
import { parseJsonText } from './inventory/read-json';
import { describeZodError, issuePath } from './inventory/schema-errors';
import type { Inventory, SourceLocation } from './inventory/types';

/** Minimum length of a suppression reason. */
export const MIN_REASON_LENGTH = 10;

/** A suppression: which rule, where, and why. */
export interface Suppression {
  readonly ruleId: string;
  readonly reason: string;
  /** Only in this environment. */
  readonly environment?: string;
  /** Only findings on this Terraform address (or Pulumi URN). */
  readonly address?: string;
  /** Only findings on this construct path or below it. */
  readonly constructPath?: string;
  /** Where the suppression is written: a file name, or the resource carrying it. */
  readonly origin: 'file' | 'code';
  /** The file (for file suppressions) or the resource (for in-code ones) it comes from. */
  readonly declaredAt: string;
}

/** A suppression that matched no failing or unknown finding, or that is invalid. */
export interface UnusedSuppression {
  readonly suppression: Suppression;
  /** Why it was not applied. */
  readonly note: string;
}

/** The message of a value that is not an object; unknown keys keep their own message. */
function notAnObject(message: string): (issue: { readonly code?: string }) => string | undefined {
  return (issue) => (issue.code === 'unrecognized_keys' ? undefined : message);
}

/** The file's schema, built on first use (see inventory/lazy-schema.ts). */
const fileSchema = lazySchema((z) => {
  const scope = z.string({ error: 'expected a string' }).min(1, { error: 'expected a non-empty string' });

  // Strict: an unknown key is most likely a misspelt scope (`enviroment`), which would widen the suppression.
  const entrySchema = z
    .strictObject(
      {
        rule: z
          .string({ error: 'expected a string' })
          .regex(/^[A-Z]+-\d{3}$/, 'expected a rule ID such as ACR-001'),
        reason: z
          .string({ error: 'expected a string' })
          .trim()
          .min(MIN_REASON_LENGTH, `expected at least ${MIN_REASON_LENGTH} characters`),
        environment: scope.optional(),
        address: scope.optional(),
        constructPath: scope.optional(),
      },
      { error: notAnObject('expected an object') },
    )
    .refine((e) => e.environment !== undefined || e.address !== undefined || e.constructPath !== undefined, {
      message: 'needs a scope: environment, address or constructPath',
    });

  return z.strictObject(
    { suppressions: z.array(entrySchema, { error: 'expected a list' }) },
    { error: notAnObject('expected an object with "suppressions"') },
  );
});

/** Parses a suppressions file's text; throws a one-line InventoryInputError naming the first problem. */
export function parseSuppressionsFile(
  text: string,
  file: string,
  knownRule: (id: string) => boolean,
): Suppression[] {
  return suppressionsFromJson(parseJsonText(text, file), file, knownRule);
}

/**
 * The suppressions of a parsed suppressions file (read-json.ts `readJsonFile` reads it safely);
 * throws a one-line InventoryInputError naming the file, the JSON path and what was expected.
 */
export function suppressionsFromJson(
  doc: unknown,
  file: string,
  knownRule: (id: string) => boolean,
): Suppression[] {
  const parsed = fileSchema().safeParse(doc);
  if (!parsed.success) throw new InventoryInputError(`${file}: ${describeZodError(parsed.error, '')}`);
  return parsed.data.suppressions.map((entry, index) => {
    if (!knownRule(entry.rule)) {
      const where = issuePath('', ['suppressions', index, 'rule']);
      throw new InventoryInputError(`${file}: ${where}: unknown rule ${JSON.stringify(entry.rule)}`);
    }
    return {
      ruleId: entry.rule,
      reason: entry.reason.trim(),
      ...(entry.environment !== undefined && { environment: entry.environment }),
      ...(entry.address !== undefined && { address: entry.address }),
      ...(entry.constructPath !== undefined && { constructPath: entry.constructPath }),
      origin: 'file' as const,
      declaredAt: file,
    };
  });
}

/** The in-code suppressions of an inventory, scoped to the resource that carries them. */
export function inlineSuppressions(inventory: Inventory): Suppression[] {
  return inventory.inlineSuppressions.map((s) => ({
    ruleId: s.ruleId,
    reason: s.reason.trim(),
    environment: inventory.environment,
    address: s.source.address,
    origin: 'code' as const,
    declaredAt: s.source.constructPath ?? s.source.address,
  }));
}

/** What a suppression is matched against. */
export interface Suppressible {
  readonly ruleId: string;
  readonly environment: string;
  readonly location: SourceLocation;
}

/** True when `suppression` covers `finding`. */
export function suppressionMatches(suppression: Suppression, finding: Suppressible): boolean {
  if (suppression.ruleId !== finding.ruleId) return false;
  if (suppression.environment !== undefined && suppression.environment !== finding.environment) return false;
  if (suppression.address !== undefined && suppression.address !== finding.location.address) return false;
  if (suppression.constructPath !== undefined) {
    const path = finding.location.constructPath;
    if (!path || !(path === suppression.constructPath || path.startsWith(`${suppression.constructPath}/`)))
      return false;
  }
  return true;
}

/** True when the suppression's reason is long enough to be applied. */
export function hasValidReason(suppression: Suppression): boolean {
  return suppression.reason.length >= MIN_REASON_LENGTH;
}
