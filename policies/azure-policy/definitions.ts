/**
 * Judges an Azure Policy definition (its `policyRule`) against the ARM view of a registry: `Audit`,
 * `Deny`, `Modify` flag every resource whose `if` holds; `AuditIfNotExists` / `DeployIfNotExists` flag a
 * resource whose `if` holds and that has no related resource of `details.type` meeting the
 * `existenceCondition`. Parameters take the assignment's values, else the definition's defaults.
 */
import type { ArmRegistry } from './arm';
import type { ArmResource, Verdict } from './condition';
import { evaluateCondition, expression } from './condition';

type Json = Readonly<Record<string, unknown>>;

/** The outcome of one definition. */
export interface DefinitionOutcome {
  /** Definition GUID (`name`). */
  readonly id: string;
  readonly displayName: string;
  readonly outcome: 'compliant' | 'non-compliant' | 'unknown' | 'not-judgeable';
  /** Why, in a sentence (the resources flagged, or what could not be judged). */
  readonly reason: string;
}

function parametersOf(
  definition: Json,
  assignment: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const declared = ((definition.properties as Json).parameters ?? {}) as Record<string, Json>;
  const out: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(declared)) {
    if (name in assignment) out[name] = assignment[name];
    else if ('defaultValue' in spec) out[name] = spec.defaultValue;
  }
  return out;
}

/** Judges `definition` on one registry. */
export function judgeDefinition(
  definition: Json,
  arm: ArmRegistry,
  assignment: Readonly<Record<string, unknown>> = {},
): DefinitionOutcome {
  const properties = definition.properties as Json;
  const id = String(definition.name);
  const displayName = String(properties.displayName);
  const rule = properties.policyRule as Json;
  const parameters = parametersOf(definition, assignment);
  const then = rule.then as Json;
  let effect: unknown;
  try {
    effect = String(expression(then.effect, parameters)).toLowerCase();
  } catch {
    return { id, displayName, outcome: 'not-judgeable', reason: 'its effect needs an assignment parameter' };
  }
  const candidates: { resource: ArmResource; related: readonly ArmResource[] }[] = [
    { resource: arm.registry, related: arm.related },
    ...arm.related.map((resource) => ({ resource, related: [] })),
    ...arm.privateEndpoints.map((pe) => ({ resource: pe.endpoint, related: pe.related })),
  ];
  const flagged: string[] = [];
  let unknown = false;
  for (const { resource, related } of candidates) {
    const applies = evaluateCondition(rule.if as Json, { resource, parameters });
    if (typeof applies === 'object')
      return { id, displayName, outcome: 'not-judgeable', reason: applies.notJudgeable };
    if (applies === false) continue;
    let verdict: Verdict = applies === true ? false : 'unknown';
    if (effect === 'auditifnotexists' || effect === 'deployifnotexists') {
      const details = then.details as Json;
      const type = String(details.type).toLowerCase();
      const existence = details.existenceCondition as Json | undefined;
      let exists: Verdict = false;
      for (const r of related.filter((x) => String(x.type).toLowerCase() === type)) {
        const v = existence ? evaluateCondition(existence, { resource: r, parameters }) : true;
        if (typeof v === 'object')
          return { id, displayName, outcome: 'not-judgeable', reason: v.notJudgeable };
        if (v === true) exists = true;
        else if (v === 'unknown' && exists === false) exists = 'unknown';
      }
      verdict = applies === 'unknown' ? (exists === true ? true : 'unknown') : exists;
    } else if (!['audit', 'deny', 'modify', 'append', 'denyaction'].includes(String(effect))) {
      return { id, displayName, outcome: 'not-judgeable', reason: `effect ${String(effect)}` };
    }
    if (verdict === 'unknown') unknown = true;
    else if (verdict === false)
      flagged.push(`${String(resource.type).split('/').pop()} ${String(resource.name)}`);
  }
  if (flagged.length > 0)
    return { id, displayName, outcome: 'non-compliant', reason: `flags ${flagged.join(', ')}` };
  if (unknown)
    return { id, displayName, outcome: 'unknown', reason: 'depends on values known only after apply' };
  return { id, displayName, outcome: 'compliant', reason: 'no resource is flagged' };
}
