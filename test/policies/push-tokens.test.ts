/**
 * ACR-024 ("nothing but promotion can push into production") counts tokens: a token whose scope map
 * writes content pushes as surely as an AcrPush grant (ACR scope map actions: `content/write` is
 * push). It passed beside such a token, leaving the push to ACR-023 alone.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findingsOn } from './helpers';

const REGISTRY = {
  name: 'contosoprod',
  resource_group_name: 'rg',
  location: 'westeurope',
  sku: 'Premium',
};

describe('tokens in ACR-024', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-push-tokens-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function withToken(actions: unknown, token: Record<string, unknown> = {}): string {
    writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({
        variable: { actions: { type: 'list(string)' }, token_enabled: { type: 'bool' } },
        resource: {
          azurerm_container_registry: { acr: REGISTRY },
          azurerm_container_registry_scope_map: {
            ci: {
              name: 'ci',
              container_registry_name: '${azurerm_container_registry.acr.name}',
              resource_group_name: 'rg',
              actions,
            },
          },
          azurerm_container_registry_token: {
            ci: {
              name: 'ci',
              container_registry_name: '${azurerm_container_registry.acr.name}',
              resource_group_name: 'rg',
              scope_map_id: '${azurerm_container_registry_scope_map.ci.id}',
              ...token,
            },
          },
        },
      }),
    );
    return dir;
  }

  it('fails on an enabled token that can push', () => {
    const root = withToken(['repositories/app/content/read', 'repositories/app/content/write']);
    expect(findingsOn(root, ['ACR-024'])).toEqual([
      'ACR-024 fail: token ci can push (ci: repositories/app/content/write) into contosoprod',
    ]);
  });

  it('passes beside a pull-only token, and a disabled push token', () => {
    expect(findingsOn(withToken(['repositories/app/content/read']), ['ACR-024'])).toEqual([
      'ACR-024 pass: nothing but promotion can push into contosoprod',
    ]);
    expect(
      findingsOn(withToken(['repositories/app/content/write'], { enabled: false }), ['ACR-024']),
    ).toEqual(['ACR-024 pass: nothing but promotion can push into contosoprod']);
  });

  it('is unknown when the scope map actions are not known', () => {
    expect(findingsOn(withToken('${var.actions}'), ['ACR-024'])).toEqual([
      'ACR-024 unknown: the scope map of token ci cannot be read (contosoprod)',
    ]);
  });

  it('is unknown, not a fail, when whether a push token is enabled is not known', () => {
    const root = withToken(['repositories/app/content/write'], { enabled: '${var.token_enabled}' });
    expect(findingsOn(root, ['ACR-024'])).toEqual([
      'ACR-024 unknown: token ci can push (ci: repositories/app/content/write) if enabled, and whether token ci is enabled is not known (var.token_enabled has no value (pass -var token_enabled=... or a variables file with --var-file, or check the plan)) (contosoprod)',
    ]);
  });
});

describe('tasks and grants in ACR-024 on what the input leaves open', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-push-open-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function write(resources: Record<string, unknown>, variables: Record<string, unknown>): string {
    writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({
        variable: variables,
        resource: { azurerm_container_registry: { acr: REGISTRY }, ...resources },
      }),
    );
    return dir;
  }

  it('is unknown when a pushing task may be disabled', () => {
    // A docker step pushes by default (azurerm `docker_step.push_enabled`, default true).
    const root = write(
      {
        azurerm_container_registry_task: {
          build: {
            name: 'build',
            container_registry_id: '${azurerm_container_registry.acr.id}',
            enabled: '${var.task_enabled}',
            platform: { os: 'Linux' },
            docker_step: {
              dockerfile_path: 'Dockerfile',
              context_path: 'https://github.com/contoso/app.git#main',
              context_access_token: 'not-a-secret',
              image_names: ['app:{{.Run.ID}}'],
            },
          },
        },
      },
      { task_enabled: { type: 'bool' } },
    );
    const [finding] = findingsOn(root, ['ACR-024']);
    expect(finding).toMatch(
      /^ACR-024 unknown: task build pushes: .* if enabled, and whether task build is enabled is not known \(var\.task_enabled has no value/,
    );
  });

  it("says why a grant's role cannot be identified", () => {
    const root = write(
      {
        azurerm_role_assignment: {
          ci: {
            scope: '${azurerm_container_registry.acr.id}',
            role_definition_name: '${var.role}',
            principal_id: '00000000-0000-0000-0000-000000000001',
          },
        },
      },
      { role: { type: 'string' } },
    );
    const [finding] = findingsOn(root, ['ACR-024']);
    expect(finding).toMatch(
      /^ACR-024 unknown: .* holds an unidentified role, which the checker cannot identify \(var\.role has no value/,
    );
  });
});
