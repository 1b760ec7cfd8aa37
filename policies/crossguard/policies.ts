/**
 * The rule catalogue of policies/ as CrossGuard stack policies. Each rule becomes two policies: `<id>`
 * (mandatory) reports the failures that gate the environment, `<id>-advisory` (advisory) the others
 * (advisory environments, advisory-only rules), so CrossGuard's static enforcement levels follow the
 * per-environment enforcement of the policy engine. Violations name the rule and the resource URN.
 */
import type {
  EnforcementLevel,
  PolicyResource,
  ReportViolation,
  StackValidationArgs,
  StackValidationPolicy,
} from '@pulumi/policy';
import type { PolicyConfigInput } from '../config';
import { resolvePolicyConfig } from '../config';
import { evaluate } from '../evaluate';
import type { Finding } from '../evaluate';
import { inventoryFromPulumiResources } from '../inventory/pulumi-resources/build';
import { RULES } from '../rules/catalogue';
import type { RuleInfo } from '../rules/types';
import { recordsFromPolicyResources, stackOfUrn } from './convert';

/** Options of `crossGuardPolicies`. */
export interface CrossGuardOptions {
  /** Policy configuration (order, enforcement, allowed regions, suppressions). @default the defaults */
  readonly config?: PolicyConfigInput;
}

/** Findings of one rule over the stack a CrossGuard run sees. */
export function findingsForStack(
  rule: RuleInfo,
  resources: readonly PolicyResource[],
  options: CrossGuardOptions = {},
): readonly Finding[] {
  const environment = resources.map((r) => stackOfUrn(r.urn)).find((s) => s !== undefined);
  if (!environment) return [];
  const inventory = inventoryFromPulumiResources(recordsFromPolicyResources(resources), {
    environment,
    file: `Pulumi.${environment}.yaml`,
  });
  const config = resolvePolicyConfig(options.config);
  const disabledRules = RULES.map((r) => r.id).filter((id) => id !== rule.id);
  return evaluate([inventory], { ...config, disabledRules: [...config.disabledRules, ...disabledRules] })
    .findings;
}

function policy(rule: RuleInfo, level: EnforcementLevel, options: CrossGuardOptions): StackValidationPolicy {
  const mandatory = level === 'mandatory';
  return {
    name: mandatory ? rule.id : `${rule.id}-advisory`,
    description: `${rule.title}${mandatory ? '' : ' (advisory)'}`,
    enforcementLevel: level,
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const all = findingsForStack(rule, args.resources, options);
      if (all.every((f) => f.result === 'not-applicable'))
        args.notApplicable(`${rule.id} has nothing to judge in this stack`);
      const findings = all.filter((f) => f.result === 'fail' && f.mandatory === mandatory);
      for (const f of findings) {
        const urn = f.location.address.startsWith('urn:') ? f.location.address : undefined;
        reportViolation(`${rule.id} ${rule.title}: ${f.message}. Fix: ${rule.remediation}`, urn);
      }
    },
  };
}

/** The CrossGuard policies: a mandatory and an advisory policy per rule of the catalogue, by ID. */
export function crossGuardPolicies(options: CrossGuardOptions = {}): StackValidationPolicy[] {
  return RULES.flatMap((rule) => [policy(rule, 'mandatory', options), policy(rule, 'advisory', options)]);
}
