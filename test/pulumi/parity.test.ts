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
    '%s: same registries, network, grants, tokens, webhooks, tasks, protections',
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
    },
  );
});
