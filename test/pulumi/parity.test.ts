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
import { project } from './projection';

describe('cdktf / Pulumi parity', () => {
  const outdir = mkdtempSync(path.join(tmpdir(), 'acr-iac-parity-'));
  const estate = loadEstate();
  beforeAll(() => {
    buildApp(estate, outdir).app.synth();
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it.each(estate.order.map((name) => [name]))(
    '%s: same registries, network, grants, tokens, webhooks, tasks, protections',
    async (name) => {
      const file = path.join(outdir, 'stacks', name, 'cdk.tf.json');
      const cdktf = inventoryFromCdktfJson(
        JSON.parse(readFileSync(file, 'utf8')),
        name,
        `cdktf.out/stacks/${name}/cdk.tf.json`,
      );
      const pulumi = await inventoryFromPulumiStack(name);
      expect(pulumi.registries).toHaveLength(1);
      expect(pulumi.registries[0].roleAssignments.length).toBeGreaterThan(0);
      expect(pulumi.registries[0].tasks.length).toBeGreaterThan(0);
      expect(project(pulumi)).toEqual(project(cdktf));
    },
  );
});

describe('cdktf / Pulumi parity of ABAC grants', () => {
  // Repository-scoped grants, a Notation signer limited to its repositories, and promotion from an
  // ABAC source (Repository Reader there): same roles, IDs and conditions in both engines.
  const KEY_VAULT = '/subscriptions/0/resourceGroups/rg-sec/providers/Microsoft.KeyVault/vaults/kv-sign';
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
    rendered = await renderEstate(estate);
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
    expect(project(fromPulumi)).toEqual(project(cdktf));
  });
});
