/**
 * Parity: for each environment, the cdktf output and the Pulumi program deploy the same estate
 * (same inventory projection). A difference is a bug in one of the two renderers.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildApp } from '../../constructs/cdktf/app';
import { inventoryFromCdktfJson } from '../../policies/inventory/cdktf/read';
import { inventoryFromPulumiStack } from '../../policies/inventory/pulumi-program/run';
import { loadEstate } from '../../stacks/estate';
import { inventoryFromPulumiResources } from '../../policies/inventory/pulumi-resources/build';
import type { EstateDeclaration } from '../../constructs/model/declaration';
import { PRINCIPAL, env } from '../support/declarations';
import { synthEstate } from '../support/cdktf';
import { renderEstate } from './helpers';
import { definePulumiProgram as program } from '../../stacks/pulumi-stack';
import { project } from './projection';

describe('cdktf / Pulumi parity', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'acr-iac-parity-'));
  const estate = loadEstate();
  beforeAll(() => {
    buildApp(estate, outdir).app.synth();
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each(estate.order.map((name) => [name]))(
    '%s: same registries, network, grants, tokens, webhooks per region, tasks and agent pools, cache, ARM properties, protections',
    async (name) => {
      const file = path.join(outdir, 'stacks', name, 'cdk.tf.json');
      const cdktf = inventoryFromCdktfJson(
        JSON.parse(readFileSync(file, 'utf8')),
        name,
        `cdktf.out/stacks/${name}/cdk.tf.json`,
      );
      const pulumi = await inventoryFromPulumiStack(name, { program });
      expect(pulumi.registries).toHaveLength(1);
      expect(pulumi.registries[0].roleAssignments.length).toBeGreaterThan(0);
      expect(pulumi.registries[0].tasks.length).toBeGreaterThan(0);
      expect(project(pulumi)).toEqual(project(cdktf));
      // The deploy-time parts are really there, not equal because both are empty.
      const registry = pulumi.registries[0];
      if (name !== 'dev') {
        expect(registry.agentPools).toHaveLength(1);
        expect(registry.tasks.every((t) => t.agentPool === registry.agentPools[0].name)).toBe(true);
        expect(registry.armAudienceTokens).toBe(false);
      } else {
        expect(registry.cacheRules).toHaveLength(1);
        expect(registry.credentialSets).toHaveLength(1);
        expect(registry.softDeleteDays).toBe(7);
      }
      const regions = [registry.location, ...registry.replicas.map((r) => r.location)];
      for (const region of regions) expect(registry.webhooks.some((w) => w.location === region)).toBe(true);
    },
  );
});

describe('cdktf / Pulumi parity of ABAC grants', () => {
  // Repository-scoped grants, a Notation signer limited to its repositories, and promotion from an
  // ABAC source (Repository Reader there): same roles, IDs and conditions in both engines.
  const KEY_VAULT =
    '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-sign';
  const abac = { roleAssignmentMode: 'AbacRepositoryPermissions' } as const;
  const estate: EstateDeclaration = {
    environments: [
      env('dev', {
        ...abac,
        roleAssignments: [
          {
            role: 'Container Registry Repository Writer',
            principalId: PRINCIPAL,
            repositories: ['apps/*', 'tools/cli'],
          },
        ],
      }),
      env('prod', {
        ...abac,
        roleAssignments: [
          { role: 'Container Registry Repository Reader', principalId: PRINCIPAL, repositories: ['apps/*'] },
          { role: 'Container Registry Repository Catalog Lister', principalId: PRINCIPAL },
        ],
        signing: { keyVaultId: KEY_VAULT, certificateName: 'release', repositories: ['apps/*'] },
      }),
    ],
  };

  let stacks: ReturnType<typeof synthEstate>;
  let rendered: Awaited<ReturnType<typeof renderEstate>>;
  beforeAll(async () => {
    stacks = synthEstate(estate);
    // azure-native 3.28 cannot set the mode: the user sets it once outside Pulumi and says so.
    rendered = await renderEstate(estate, { propertiesSetOutside: ['roleAssignmentMode'] });
  });

  it.each([['dev'], ['prod']])('%s: same grants, conditions and role IDs', (name) => {
    const pulumi = rendered.get(name)!;
    const cdktf = inventoryFromCdktfJson(stacks[name], name, `stacks/${name}/cdk.tf.json`);
    const fromPulumi = inventoryFromPulumiResources(pulumi.resources, {
      environment: name,
      file: `Pulumi.${name}.yaml`,
    });
    const grants = project(fromPulumi) as { registries: { roleAssignments: { condition?: string }[] }[] };
    expect(
      grants.registries[0].roleAssignments.some((g) =>
        g.condition?.includes("StringStartsWithIgnoreCase 'apps/'"),
      ),
    ).toBe(true);
    // The mode itself: cdktf sets it (azapi); the Pulumi program cannot, so its inventory keeps Azure's default.
    const withoutMode = (inventory: typeof cdktf) => {
      const projected = project(inventory) as { registries: Record<string, unknown>[] };
      return {
        ...projected,
        registries: projected.registries.map(({ roleAssignmentMode: _mode, settings, ...rest }) => {
          const { roleAssignmentMode: _setting, ...others } = settings as Record<string, unknown>;
          return { ...rest, settings: others };
        }),
      };
    };
    expect(cdktf.registries[0].roleAssignmentMode).toBe('AbacRepositoryPermissions');
    expect(fromPulumi.registries[0].roleAssignmentMode).toBe('LegacyRegistryPermissions');
    expect(withoutMode(fromPulumi)).toEqual(withoutMode(cdktf));
  });

  it('refuses the ABAC mode in Pulumi unless the user sets it outside', async () => {
    await expect(renderEstate(estate)).rejects.toThrow(/cannot set roleAssignmentMode/);
  });
});
