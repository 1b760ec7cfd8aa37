/**
 * The stack config schema: overrides are validated, then applied to the declaration before
 * `defineEstate`, so a weakened stack is validated and judged like any declaration.
 */
import * as pulumi from '@pulumi/pulumi';
import { DeclarationError } from '../../constructs/model/problems';
import { defineEstate } from '../../constructs/model/estate';
import { readSecrets } from '../../constructs/pulumi/program';
import { env, estateOf } from '../support/declarations';
import { applyStackConfig, readStackConfig } from '../../constructs/pulumi/stack-config';
import { ESTATE } from '../../stacks/environments';

function getter(values: Record<string, string>): (key: string) => string | undefined {
  return (key) => values[key];
}

describe('Pulumi stack config', () => {
  it('parses Pulumi config strings into typed overrides', () => {
    expect(
      readStackConfig(
        getter({
          publicNetworkAccess: 'true',
          retentionDays: '3',
          replicas: '["northeurope"]',
          tokenPasswordsIssuedOn: '2026-02-01',
        }),
        'prod',
      ),
    ).toEqual({
      publicNetworkAccess: true,
      retentionDays: 3,
      replicas: ['northeurope'],
      tokenPasswordsIssuedOn: '2026-02-01',
    });
  });

  it('reads acr-iac:propertiesSetOutside as a list of the properties azure-native cannot set', () => {
    expect(
      readStackConfig(getter({ propertiesSetOutside: '["roleAssignmentMode", "taskNetworkBypass"]' }), 'dev'),
    ).toEqual({ propertiesSetOutside: ['roleAssignmentMode', 'taskNetworkBypass'] });
    expect(() => readStackConfig(getter({ propertiesSetOutside: '"roleAssignmentMode"' }), 'dev')).toThrow(
      /Pulumi\.dev\.yaml acr-iac:propertiesSetOutside/,
    );
  });

  it('names the stack file and key of a bad value', () => {
    expect(() => readStackConfig(getter({ quarantine: 'maybe' }), 'prod')).toThrow(DeclarationError);
    expect(() => readStackConfig(getter({ sku: 'Gold' }), 'prod')).toThrow(/Pulumi\.prod\.yaml acr-iac:sku/);
  });

  it('applies overrides to the named environment only', () => {
    const estate = applyStackConfig(ESTATE, 'prod', {
      publicNetworkAccess: true,
      replicas: ['northeurope'],
      protected: false,
    });
    const prod = estate.environments.find((e) => e.name === 'prod')!;
    expect(prod.registry.publicNetworkAccess).toBe(true);
    expect(prod.registry.replicas).toEqual([{ location: 'northeurope' }]);
    expect(prod.protected).toBe(false);
    expect(estate.environments.find((e) => e.name === 'staging')).toBe(
      ESTATE.environments.find((e) => e.name === 'staging'),
    );
  });
});

describe('Git tokens of source-triggered tasks', () => {
  const [environment] = defineEstate(
    estateOf(
      env('dev', {
        tasks: [
          {
            name: 'build-app',
            step: {
              type: 'docker',
              contextPath: 'https://github.com/contoso/app.git',
              imageNames: ['app:1'],
            },
            sourceTrigger: { repositoryUrl: 'https://github.com/contoso/app.git' },
          },
        ],
      }),
    ),
  ).environments;
  const config = (values: Record<string, string>) =>
    ({
      getSecret: (key: string) => (key in values ? pulumi.secret(values[key]) : undefined),
      getSecretObject: () => undefined,
    }) as unknown as pulumi.Config;

  it('refuses a missing token at an update (ACR registers the repository webhook with it)', () => {
    expect(() => readSecrets(config({}), environment, true, 'dev')).toThrow(DeclarationError);
    expect(() => readSecrets(config({}), environment, true, 'dev')).toThrow(
      'dev.registry.tasks[0].sourceTrigger: task build-app has a source trigger, and Pulumi.dev.yaml has no acr-iac:build_app_git_token: ACR registers the repository webhook with that Git token',
    );
  });

  it('lets a preview (and the check under mocks) through, and takes a configured token', () => {
    expect(readSecrets(config({}), environment, false, 'dev').gitTokens).toEqual({});
    const secrets = readSecrets(config({ build_app_git_token: 'ghp_x' }), environment, true, 'dev');
    expect(Object.keys(secrets.gitTokens ?? {})).toEqual(['build_app_git_token']);
  });
});
