/**
 * Child process of the synth benchmark: synthesizes one stack holding N Premium registries (two
 * replicas, a private endpoint, a token, a purge task and a webhook each) and prints
 * `{"registries":N,"resources":R,"ms":T,"heapMiB":H,"rssMiB":M}`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { defineEstate } from '../constructs/model/estate';
import { Registry } from '../constructs/cdktf/registry';
import { scaleEnvironment } from './scale-estate';

function main(): void {
  const count = Number(process.argv[2] ?? '1');
  const outdir = mkdtempSync(join(tmpdir(), 'acr-bench-synth-'));
  global.gc?.();
  const start = process.hrtime.bigint();
  // Declarations are validated as in real use; all registries go into one stack.
  const estate = defineEstate({ environments: Array.from({ length: count }, (_, i) => scaleEnvironment(i)) });
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'bench');
  new AzurermProvider(stack, 'azurerm', { features: [{}] });
  for (const env of estate.environments) new Registry(stack, env.name, { registry: env.registry });
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const heapMiB = process.memoryUsage().heapUsed / 2 ** 20;
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  const resources = stack.node.findAll().filter((c) => 'terraformResourceType' in c).length;
  rmSync(outdir, { recursive: true, force: true });
  process.stdout.write(
    `${JSON.stringify({ registries: count, resources, ms: Math.round(ms), heapMiB: Math.round(heapMiB), rssMiB: Math.round(rssMiB) })}\n`,
  );
}

main();
