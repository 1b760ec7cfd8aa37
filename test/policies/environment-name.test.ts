import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPaths, loadInventories } from '../../policies';
import { chooseEnvironment, environmentFromFileName } from '../../policies/inventory/environment-name';
import { FIXTURES } from './helpers';

const CHAIN = ['dev', 'staging', 'prod'];

describe('environment of a single file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'acr-iac-env-name-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['prod.json', 'prod'],
    ['plan-staging.json', 'staging'],
    ['dev.tfplan.json', 'dev'],
    ['prod.tf.json', 'prod'],
    ['tfplan.json', undefined],
  ])('reads %s as %s', (file, env) => {
    expect(environmentFromFileName(`/some/where/${file}`)).toBe(env);
  });

  it.each([
    ['IaC-master_azure.plan.json', undefined],
    ['plan-prod-westeurope.json', 'prod'],
    ['PROD.tfplan.json', 'prod'],
    ['qa.plan.json', undefined],
    ['dev-to-prod.json', undefined],
  ])('against the chain dev -> staging -> prod, reads %s as %s', (file, env) => {
    expect(environmentFromFileName(file, CHAIN)).toBe(env);
  });

  it('says where each choice came from', () => {
    expect(chooseEnvironment({ flag: 'qa', file: 'prod.json', known: CHAIN }).origin).toEqual({
      from: 'flag',
      detail: '--env qa',
    });
    expect(chooseEnvironment({ file: 'plans/prod.tfplan.json', known: CHAIN })).toEqual({
      name: 'prod',
      origin: { from: 'file-name', detail: 'file name prod.tfplan.json' },
    });
    expect(chooseEnvironment({ folder: 'envs/staging', known: CHAIN }).origin.from).toBe('folder-name');
    expect(chooseEnvironment({ file: 'tfplan.json', known: CHAIN })).toEqual({
      name: 'default',
      origin: {
        from: 'default',
        detail: 'the default: tfplan.json names no environment of the chain dev -> staging -> prod',
      },
    });
  });

  it('takes a plan file named after its environment without --env', () => {
    const plan = path.join(dir, 'plan-staging.json');
    copyFileSync(path.join(FIXTURES, 'staging.plan.json'), plan);
    expect(loadInventories([plan]).map((i) => i.environment)).toEqual(['staging']);
    expect(loadInventories([plan], { environment: 'qa' }).map((i) => i.environment)).toEqual(['qa']);
  });

  it('judges a plan whose name names no environment as the default environment, and says so', () => {
    const plan = path.join(dir, 'IaC-master_azure.plan.json');
    copyFileSync(path.join(FIXTURES, 'staging.plan.json'), plan);
    const result = checkPaths([plan], { cwd: dir });
    expect(result.environments).toEqual([
      expect.objectContaining({
        name: 'default',
        posture: 'production',
        enforcement: 'mandatory',
        inChain: false,
        environmentFrom: expect.stringContaining('IaC-master_azure.plan.json names no environment'),
        postureFrom: 'the strictest, for an environment outside the chain dev -> staging -> prod',
        notice: expect.stringContaining('no environment was named, so the strictest posture applies'),
      }),
    ]);
  });

  it('reads tfplan.json (once refused) as the default environment', () => {
    const plan = path.join(dir, 'tfplan.json');
    copyFileSync(path.join(FIXTURES, 'staging.plan.json'), plan);
    expect(checkPaths([plan], { cwd: dir }).environments.map((e) => e.name)).toEqual(['default']);
    expect(checkPaths([plan], { cwd: dir, environment: 'staging' }).environments[0]).toMatchObject({
      name: 'staging',
      environmentFrom: '--env staging',
      posture: 'hardened',
    });
  });

  it('names an environment outside the chain in a notice', () => {
    const plan = path.join(dir, 'staging.plan.json');
    copyFileSync(path.join(FIXTURES, 'staging.plan.json'), plan);
    const [env] = checkPaths([plan], { cwd: dir, environment: 'sandbox' }).environments;
    expect(env.notice).toBe(
      'environment "sandbox" (from --env sandbox) is not in the estate\'s chain dev -> staging -> prod; pass --env <name> or --posture to choose how it is judged',
    );
  });

  it('takes --posture over the chain, and says so', () => {
    const plan = path.join(dir, 'staging.plan.json');
    const [env] = checkPaths([plan], { cwd: dir, config: { postureOverride: 'baseline' } }).environments;
    expect(env).toMatchObject({
      name: 'staging',
      posture: 'baseline',
      postureFrom: 'set for every environment by --posture',
    });
  });

  it('reads a cdk.tf.json outside stacks/<env>/ as the default environment', () => {
    const file = path.join(dir, 'cdk.tf.json');
    copyFileSync(path.join(FIXTURES, 'prod.cdk.tf.json'), file);
    const [inventory] = loadInventories([file], { knownEnvironments: CHAIN, cwd: dir });
    expect(inventory.environment).toBe('default');
    expect(inventory.environmentOrigin?.from).toBe('default');
  });
});
