import { detectFormat, environmentFromFileName, parsePlanDocument } from '../../preview';
import { loadPlan } from './helpers';

describe('detectFormat', () => {
  it('tells the formats apart by content', () => {
    expect(detectFormat(loadPlan('prod.tfplan.json'))).toBe('terraform-plan');
    expect(detectFormat(loadPlan('prod-preview.json'))).toBe('pulumi-preview');
    expect(detectFormat({ hello: 'world' })).toBe('unknown');
    expect(detectFormat([1, 2])).toBe('unknown');
  });

  it('explains what it expected', () => {
    expect(() => parsePlanDocument({ hello: 'world' }, 'dev')).toThrow(/neither a Terraform plan/);
    expect(() => parsePlanDocument({ '//': {}, resource: {} }, 'dev')).toThrow(/synthesized cdk.tf.json/);
  });
});

describe('environmentFromFileName', () => {
  it.each([
    ['prod.json', 'prod'],
    ['plans/plan-prod.json', 'prod'],
    ['prod.tfplan.json', 'prod'],
    ['prod-preview.json', 'prod'],
    ['pulumi-staging.json', 'staging'],
    ['qa.plan.json', 'qa'],
    ['plan.json', undefined],
  ])('%s -> %s', (file, env) => {
    expect(environmentFromFileName(file)).toBe(env);
  });
});
