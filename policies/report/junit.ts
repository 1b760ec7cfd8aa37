/**
 * JUnit XML report (Azure DevOps `PublishTestResults@2`, Jenkins, GitLab): one test suite per
 * environment, one test case per finding. Mandatory failures are failures; advisory failures, unknown,
 * suppressed and not applicable findings are skipped with the reason, so the test gate matches the exit
 * code. Valid against the Jenkins xUnit `junit-10.xsd` (test/fixtures/vendor/): `time` everywhere
 * (0: a rule is not timed, and reports stay byte-identical), the file and resource in the failure text
 * rather than in attributes some schemas reject, no `skipped` count on `<testsuites>`.
 */
import type { EnvironmentSummary, EvaluationResult, Finding } from '../evaluate';
import { redactSecretText } from '../redact';

/** Escapes text for XML attributes and content. */
export function xmlEscape(text: string): string {
  return (
    text
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '')
  );
}

function skippedReason(f: Finding): string | undefined {
  if (f.result === 'fail' && !f.mandatory) return `advisory failure: ${f.message}`;
  if (f.result === 'unknown') return `unknown until apply: ${f.message}`;
  if (f.result === 'suppressed') return `suppressed (${f.suppression?.reason ?? ''}): ${f.message}`;
  if (f.result === 'not-applicable') return `not applicable: ${f.message}`;
  return undefined;
}

function testCase(f: Finding): string {
  const name = xmlEscape(redactSecretText(`${f.ruleId} ${f.location.address}: ${f.message}`));
  const open = `    <testcase classname="${xmlEscape(`${f.environment}.${f.ruleId}`)}" name="${name}" time="0">`;
  if (f.mandatory) {
    const body = xmlEscape(
      redactSecretText(
        `${f.title}\n${f.message}\nat ${f.location.file}: ${f.location.address}${f.location.constructPath ? ` (${f.location.constructPath})` : ''}`,
      ),
    );
    return `${open}\n      <failure message="${xmlEscape(redactSecretText(f.message))}" type="${f.severity}">${body}</failure>\n    </testcase>`;
  }
  const skipped = skippedReason(f);
  return skipped
    ? `${open}\n      <skipped message="${xmlEscape(redactSecretText(skipped))}"/>\n    </testcase>`
    : `${open}</testcase>`;
}

/** How an environment was judged, as the test suite's properties. */
function environmentProperties(env: EnvironmentSummary): string {
  const properties: [string, string][] = [
    ['environmentFrom', env.environmentFrom],
    ['posture', env.posture],
    ['postureFrom', env.postureFrom],
    ['enforcement', env.enforcement],
    ['enforcementFrom', env.enforcementFrom],
    ['checked', String(env.checked)],
    ...(env.notice ? ([['notice', env.notice]] as [string, string][]) : []),
  ];
  return [
    '    <properties>',
    ...properties.map(([name, value]) => `      <property name="${name}" value="${xmlEscape(value)}"/>`),
    '    </properties>',
  ].join('\n');
}

/** Renders the JUnit XML report. */
export function renderJunit(result: EvaluationResult): string {
  const names = [
    ...new Set([...result.environments.map((e) => e.name), ...result.findings.map((f) => f.environment)]),
  ];
  const suites = names.map((env) => {
    const findings = result.findings.filter((f) => f.environment === env);
    const failures = findings.filter((f) => f.mandatory).length;
    const skipped = findings.filter((f) => skippedReason(f) !== undefined && !f.mandatory).length;
    const summary = result.environments.find((e) => e.name === env);
    return [
      `  <testsuite name="${xmlEscape(env)}" tests="${findings.length}" failures="${failures}" errors="0" skipped="${skipped}" time="0">`,
      ...(summary ? [environmentProperties(summary)] : []),
      ...findings.map(testCase),
      '  </testsuite>',
    ].join('\n');
  });
  const total = result.findings.length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="acr-iac policy" tests="${total}" failures="${result.mandatoryFailures}" errors="0" time="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
