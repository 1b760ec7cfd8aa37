import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadInventories } from '../../policies';
import { environmentFromFileName } from '../../policies/inventory/environment-name';
import { FIXTURES } from './helpers';

describe('environment of a single file', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'acr-iac-env-name-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['prod.json', 'prod'],
    ['plan-staging.json', 'staging'],
    ['dev.tfplan.json', 'dev'],
    ['tfplan.json', undefined],
  ])('reads %s as %s', (file, env) => {
    expect(environmentFromFileName(`/some/where/${file}`)).toBe(env);
  });

  it('takes a plan file named after its environment without --env', () => {
    const plan = path.join(dir, 'plan-staging.json');
    copyFileSync(path.join(FIXTURES, 'staging.plan.json'), plan);
    expect(loadInventories([plan]).map((i) => i.environment)).toEqual(['staging']);
    expect(loadInventories([plan], { environment: 'qa' }).map((i) => i.environment)).toEqual(['qa']);
  });

  it('does not guess from the name of a cdk.tf.json outside stacks/<env>/', () => {
    const file = path.join(dir, 'cdk.tf.json');
    copyFileSync(path.join(FIXTURES, 'prod.cdk.tf.json'), file);
    expect(() => loadInventories([file])).toThrow(/cannot tell its environment; pass --env <name>/);
  });
});
