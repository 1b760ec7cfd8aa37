import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCustomApp } from '../examples/custom-app/app';
import { checkPaths, policyConfigFromEstate } from '../policies';
import { loadEstate } from '../stacks/estate';

describe('examples/custom-app', () => {
  const out = mkdtempSync(join(tmpdir(), 'acr-iac-custom-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('synthesizes the grants made in code and passes the policy check, with the suppression reported', () => {
    buildCustomApp(out).synth();
    const dev = JSON.parse(readFileSync(join(out, 'stacks', 'dev', 'cdk.tf.json'), 'utf8'));
    const grants = Object.values(dev.resource.azurerm_role_assignment) as Record<string, string>[];
    expect(grants.filter((g) => g.description === 'nightly base image mirror')).toHaveLength(2);
    const result = checkPaths([out], { config: policyConfigFromEstate(loadEstate()) });
    expect(result.mandatoryFailures).toBe(0);
    expect(result.findings.find((f) => f.ruleId === 'ACR-016' && f.environment === 'prod')).toMatchObject({
      result: 'suppressed',
      suppression: { reason: 'Microsoft-managed keys approved by security review SEC-118', origin: 'code' },
    });
  });
});
