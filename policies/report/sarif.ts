/**
 * SARIF 2.1.0 report for GitHub code scanning: one rule descriptor per catalogue rule, one result per
 * failing, unknown or suppressed finding, located in the stack's cdk.tf.json (or plan file) and naming
 * the resource address and construct path as logical locations.
 */
import { createHash } from 'node:crypto';
import type { Log, ReportingDescriptor, Result as SarifResult } from 'sarif';
import type { EvaluationResult, Finding } from '../evaluate';
import { RULES } from '../rules/catalogue';
import type { RuleInfo } from '../rules/types';
import { notable } from './shared';
import type { LineLookup } from './source-lines';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub's security-severity score by severity. */
const SECURITY_SEVERITY: Readonly<Record<RuleInfo['severity'], string>> = {
  low: '3.0',
  medium: '5.5',
  high: '8.0',
  critical: '9.5',
};

function descriptor(rule: RuleInfo): ReportingDescriptor {
  const refs = [
    ...(rule.references.checkov ?? []),
    ...(rule.references.azurePolicy ?? []).map((g) => `azure-policy:${g}`),
  ];
  return {
    id: rule.id,
    name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ? c.toUpperCase() : '')),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.rationale },
    help: { text: rule.remediation, markdown: `**Why:** ${rule.rationale}\n\n**Fix:** ${rule.remediation}` },
    defaultConfiguration: { level: rule.severity === 'low' ? 'note' : 'warning' },
    properties: {
      tags: ['security', 'acr', `posture:${rule.posture}`, ...refs],
      'security-severity': SECURITY_SEVERITY[rule.severity],
      severity: rule.severity,
      ...(rule.advisoryOnly && { advisoryOnly: true }),
    },
  };
}

function level(f: Finding): SarifResult.level {
  if (f.result === 'unknown') return 'note';
  if (f.result === 'suppressed') return 'warning';
  return f.mandatory ? 'error' : 'warning';
}

function fingerprint(f: Finding): string {
  return createHash('sha256')
    .update([f.ruleId, f.environment, f.location.file, f.location.address, f.message].join('\n'))
    .digest('hex')
    .slice(0, 32);
}

function result(f: Finding, index: number, lineOf: LineLookup): SarifResult {
  const line = lineOf(f.location.file, f.location.address);
  const logical = [{ fullyQualifiedName: f.location.address, kind: 'resource' }];
  if (f.location.constructPath)
    logical.push({ fullyQualifiedName: f.location.constructPath, kind: 'module' });
  return {
    ruleId: f.ruleId,
    ruleIndex: index,
    kind: f.result === 'unknown' ? 'open' : 'fail',
    level: level(f),
    message: { text: `${f.environment}: ${f.message}` },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: f.location.file },
          ...(line !== undefined && { region: { startLine: line } }),
        },
        logicalLocations: logical,
      },
    ],
    partialFingerprints: { 'acrIacFinding/v1': fingerprint(f) },
    ...(f.suppression && {
      suppressions: [
        {
          kind: f.suppression.origin === 'code' ? ('inSource' as const) : ('external' as const),
          status: 'accepted' as const,
          justification: f.suppression.reason,
        },
      ],
    }),
    properties: {
      environment: f.environment,
      enforcement: f.enforcement,
      severity: f.severity,
      result: f.result,
    },
  };
}

/** Renders the SARIF 2.1.0 log; `lineOf` adds the line of each result's resource where it is known. */
export function renderSarif(evaluation: EvaluationResult, lineOf: LineLookup = () => undefined): string {
  const index = new Map(RULES.map((rule, i) => [rule.id, i]));
  const log: Log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'acr-iac', informationUri: 'https://github.com/', rules: RULES.map(descriptor) },
        },
        results: notable(evaluation).map((f) => result(f, index.get(f.ruleId) ?? 0, lineOf)),
        columnKind: 'unicodeCodePoints',
        // How each environment was judged, and why (environment, posture, enforcement).
        properties: {
          environments: evaluation.environments.map((e) => ({
            name: e.name,
            environmentFrom: e.environmentFrom,
            posture: e.posture,
            postureFrom: e.postureFrom,
            enforcement: e.enforcement,
            enforcementFrom: e.enforcementFrom,
            ...(e.notice ? { notice: e.notice } : {}),
            checked: e.checked,
          })),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
