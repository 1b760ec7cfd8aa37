/**
 * SARIF 2.1.0 report for GitHub code scanning: one rule descriptor per catalogue rule (with a `helpUri`
 * into docs/rules.md), one result per failing, unknown or suppressed finding. A result is located where
 * the resource is declared when that is known (the estate module's line), with the generated file
 * (cdk.tf.json, plan) as a related location; otherwise at the generated file's line. The tool carries
 * the package's version and repository URL.
 */
import { createHash } from 'node:crypto';
import type { Location, Log, ReportingDescriptor, Result as SarifResult } from 'sarif';
import { packageInfo } from '../../constructs/model/package-info';
import { redactSecretText } from '../redact';
import type { DeclarationLookup } from './declaration-lines';
import type { EvaluationResult, Finding } from '../evaluate';
import { RULES } from '../rules/catalogue';
import type { RuleInfo } from '../rules/types';
import { notable } from './shared';
import type { LineLookup } from './source-lines';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The project's home page (package.json `homepage`), the tool's `informationUri`. */
export const INFORMATION_URI: string = packageInfo().homepage;

/** Where a rule is documented: its anchor in docs/rules.md on the default branch. */
export function ruleHelpUri(ruleId: string): string {
  return `${INFORMATION_URI}/blob/main/docs/rules.md#${ruleId.toLowerCase()}`;
}

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
    helpUri: ruleHelpUri(rule.id),
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

function result(
  f: Finding,
  index: number,
  lineOf: LineLookup,
  declarationOf: DeclarationLookup,
): SarifResult {
  const line = lineOf(f.location.file, f.location.address);
  const logical = [{ fullyQualifiedName: f.location.address, kind: 'resource' }];
  if (f.location.constructPath)
    logical.push({ fullyQualifiedName: f.location.constructPath, kind: 'module' });
  const generated: Location = {
    physicalLocation: {
      artifactLocation: { uri: f.location.file },
      ...(line !== undefined && { region: { startLine: line } }),
    },
    logicalLocations: logical,
  };
  const declared = declarationOf(f);
  const located = declared
    ? {
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: declared.file },
              region: { startLine: declared.line },
            },
            logicalLocations: logical,
          },
        ],
        relatedLocations: [{ id: 1, ...generated, message: { text: 'generated resource' } }],
      }
    : { locations: [generated] };
  return {
    ruleId: f.ruleId,
    ruleIndex: index,
    kind: f.result === 'unknown' ? 'open' : 'fail',
    level: level(f),
    message: { text: redactSecretText(`${f.environment}: ${f.message}`) },
    ...located,
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

/**
 * Renders the SARIF 2.1.0 log; `lineOf` adds the line of each result's resource in its generated file,
 * `declarationOf` the line that declares it (then the primary location) where they are known.
 */
export function renderSarif(
  evaluation: EvaluationResult,
  lineOf: LineLookup = () => undefined,
  declarationOf: DeclarationLookup = () => undefined,
): string {
  const index = new Map(RULES.map((rule, i) => [rule.id, i]));
  const log: Log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'acr-iac',
            version: packageInfo().version,
            semanticVersion: packageInfo().version,
            informationUri: INFORMATION_URI,
            rules: RULES.map(descriptor),
          },
        },
        results: notable(evaluation).map((f) => result(f, index.get(f.ruleId) ?? 0, lineOf, declarationOf)),
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
