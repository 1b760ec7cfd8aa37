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
        variable: { actions: { type: 'list(string)' } },
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
});
