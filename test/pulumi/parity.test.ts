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
      const pulumi = await inventoryFromPulumiStack(name);
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
