/**
 * Which azurerm major version a configuration runs on, from its `required_providers` constraints
 * (`terraform { required_providers { azurerm = { version = "~> 3.22" } } }`, or the legacy string
 * form `azurerm = "~> 3.22"`). Terraform installs a version every constraint accepts ("Provider
 * Requirements", "Version Constraints"), so a constraint that accepts no 4.x release pins the
 * configuration to azurerm v3, where the syntax v4 removed (`retention_policy`, `trust_policy`) is
 * still valid and means what it says. Without such a constraint the checker reads azurerm v4, the
 * version this toolkit targets (FACTS.md section 5).
 */
import { blocks } from '../terraform-resources/raw';
import { satisfiesConstraint } from './version-constraint';

/** The literal azurerm version constraints of a document's `terraform` blocks (none when not literal). */
export function azurermConstraintsOf(terraform: unknown): string[] {
  const out: string[] = [];
  for (const block of blocks(terraform))
    for (const providers of blocks(block.required_providers)) {
      const azurerm = providers.azurerm;
      const version = typeof azurerm === 'string' ? azurerm : blocks(azurerm)[0]?.version;
      if (typeof version === 'string' && !version.includes('${')) out.push(version);
    }
  return out;
}

/** Releases sampled to ask whether a constraint accepts some version of a major. */
function releasesOf(major: number): string[] {
  const out: string[] = [];
  for (let minor = 0; minor < 200; minor += 1) out.push(`${major}.${minor}.0`, `${major}.${minor}.99`);
  return out;
}

const V3 = releasesOf(3);
const V4_AND_LATER = [...releasesOf(4), '5.0.0', '6.0.0'];

/** True when every constraint accepts `version` (false when one cannot be read). */
function acceptedByAll(version: string, constraints: readonly string[]): boolean {
  return constraints.every((c) => satisfiesConstraint(version, c) === true);
}

/**
 * The constraints when together they accept an azurerm 3.x release and no 4.x or later one (the
 * configuration runs on azurerm v3); undefined otherwise, and when none is given.
 */
export function azurermV3Constraint(constraints: readonly string[]): string | undefined {
  if (constraints.length === 0) return undefined;
  if (constraints.some((c) => satisfiesConstraint('3.0.0', c) === undefined)) return undefined;
  if (V4_AND_LATER.some((v) => acceptedByAll(v, constraints))) return undefined;
  if (!V3.some((v) => acceptedByAll(v, constraints))) return undefined;
  return [...new Set(constraints)].join(', ');
}
