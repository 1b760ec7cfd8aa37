import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../constructs/cdktf/app';
import { defineEstate } from '../../constructs/model/estate';
import { policyConfigFromEstate } from '../../policies';
import { loadEstate } from '../../stacks/estate';
import { addPolicyGate } from '../../policies/gate';
import { ESTATE as WEAK } from '../fixtures/estates/weak-prod';

describe('policy gate of the cdktf app', () => {
  const root = mkdtempSync(join(tmpdir(), 'acr-iac-gate-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('lets the shipped estate through, writing the manifest', () => {
    const estate = loadEstate();
    const outdir = join(root, 'ok');
    const { app, stacks } = buildApp(estate, outdir);
    addPolicyGate(app, stacks, policyConfigFromEstate(estate));
    app.synth();
    expect(Object.keys(JSON.parse(readFileSync(join(outdir, 'manifest.json'), 'utf8')).stacks)).toEqual([
      'dev',
      'prod',
      'staging',
    ]);
  });

  it('stops synthesis on mandatory failures, naming each rule, before the manifest is written', () => {
    const estate = defineEstate(WEAK);
    const outdir = join(root, 'weak');
    const { app, stacks } = buildApp(estate, outdir);
    addPolicyGate(app, stacks, policyConfigFromEstate(estate));
    let message = '';
    try {
      app.synth();
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(
      /ACR-001 \[high\] prod: .*weakacrprod.* \(prod\/registry\/registry\)\. Fix it, or suppress it with a reason\./,
    );
    expect(message).toMatch(/ACR-003 \[high\] prod: /);
    expect(message).not.toMatch(/ dev: /); // dev is advisory
    expect(existsSync(join(outdir, 'manifest.json'))).toBe(false);
  });
});
