/**
 * The registry's child resources created with azapi_resource (tokens and scope maps, cache rules and
 * credential sets, tasks and agent pools) read as azurerm's (azapi-resources.ts). Each expected outcome
 * comes from the ARM resource's semantics: a token acts as its `scopeMapId`'s actions allow, a
 * credential set's secrets are Key Vault secret identifiers, a task's Docker step pushes unless
 * `isPushEnabled` is false, and a task on an agent pool runs in that pool's subnet
 * (Microsoft.ContainerRegistry REST spec).
 */
import { REGISTRY, SUBNET, azapi, azapiChecker, registry } from '../support/azapi';

describe('azapi registry children read as azurerm’s', () => {
  const { check } = azapiChecker();

  it('links an azapi token to its azapi scope map and an azurerm password to the token', () => {
    const resources = {
      azapi_resource: {
        acr: registry(),
        push: azapi('Microsoft.ContainerRegistry/registries/scopeMaps', {
          name: 'push',
          parent_id: REGISTRY,
          body: { properties: { actions: ['repositories/app/content/write'] } },
        }),
        ci: azapi('Microsoft.ContainerRegistry/registries/tokens', {
          name: 'ci',
          parent_id: REGISTRY,
          body: { properties: { scopeMapId: '${azapi_resource.push.id}', status: 'enabled' } },
        }),
      },
      azurerm_container_registry_token_password: {
        ci: { container_registry_token_id: '${azapi_resource.ci.id}', password1: {} },
      },
    };
    expect(check(resources, ['ACR-022', 'ACR-023'])).toEqual([
      'ACR-022 fail: password1 of token ci never expires',
      'ACR-023 fail: token ci can write: repositories/app/content/write',
    ]);
  });

  it('reads azapi cache rules and credential sets as azurerm’s', () => {
    const resources = {
      azapi_resource: {
        acr: registry(),
        hub: azapi('Microsoft.ContainerRegistry/registries/credentialSets', {
          name: 'hub',
          parent_id: REGISTRY,
          body: {
            properties: {
              loginServer: 'docker.io',
              authCredentials: [
                {
                  name: 'Credential1',
                  usernameSecretIdentifier: 'plain-user',
                  passwordSecretIdentifier: 'plain-password',
                },
              ],
            },
          },
        }),
        cache: azapi('Microsoft.ContainerRegistry/registries/cacheRules', {
          name: 'ghcr',
          parent_id: REGISTRY,
          body: { properties: { sourceRepository: 'registry.example.com/tool', targetRepository: 'tool' } },
        }),
      },
    };
    // Secret identifiers that are not Key Vault secret IDs; an upstream the estate does not allow.
    expect(check(resources, ['ACR-054', 'ACR-055'])).toEqual([
      expect.stringMatching(/^ACR-054 fail: .*registry\.example\.com/),
      expect.stringMatching(/^ACR-055 fail: .*hub/),
    ]);
  });

  it('reads azapi tasks as azurerm’s (a task run: task-runs.test.ts)', () => {
    const task = (properties: Record<string, unknown>): Record<string, unknown> =>
      azapi('Microsoft.ContainerRegistry/registries/tasks', {
        name: 'build',
        parent_id: REGISTRY,
        location: 'westeurope',
        body: { properties: { platform: { os: 'Linux' }, ...properties } },
      });
    const build = task({
      step: {
        type: 'Docker',
        dockerFilePath: 'Dockerfile',
        contextPath: 'https://github.com/contoso/app.git',
        imageNames: ['app:{{.Run.ID}}'],
      },
    });
    // A Docker step pushes unless isPushEnabled is false (REST spec default true), here into prod;
    // on the shared pool it cannot reach a registry whose public access is off.
    expect(check({ azapi_resource: { acr: registry(), build } }, ['ACR-024', 'ACR-050'])).toEqual([
      'ACR-024 fail: task build pushes: its Docker build step pushes the image into contosoacrprod',
      expect.stringMatching(/^ACR-050 fail: task build runs on the shared pool/),
    ]);
    const pool = azapi('Microsoft.ContainerRegistry/registries/agentPools', {
      name: 'private',
      parent_id: REGISTRY,
      location: 'westeurope',
      body: { properties: { tier: 'S1', count: 1, os: 'Linux', virtualNetworkSubnetResourceId: SUBNET } },
    });
    const quiet = task({
      agentPoolName: 'private',
      step: {
        type: 'Docker',
        dockerFilePath: 'Dockerfile',
        contextPath: '.',
        imageNames: ['app'],
        isPushEnabled: false,
      },
    });
    expect(
      check({ azapi_resource: { acr: registry(), build: quiet, pool } }, ['ACR-024', 'ACR-050']),
    ).toEqual([
      'ACR-024 pass: nothing but promotion can push into contosoacrprod',
      expect.stringMatching(/^ACR-050 pass: /),
    ]);
  });
});
