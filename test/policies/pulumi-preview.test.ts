/**
 * `pulumi preview --json` as a policy input. The fixture is the preview of the default prod stack built
 * from a real run of the program under mocks (regenerate: see test/support/pulumi-preview-fixture.ts),
 * so its inventory must be the inventory `check --pulumi prod` builds.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DOCUMENT_ADAPTERS, InventoryInputError, UNKNOWN } from '../../policies';
import {
  PULUMI_UNKNOWN_SENTINEL,
  inventoryFromPulumiPreviewJson,
  inventoryKeepsInputs,
  pulumiPreviewResources,
  valueOf,
} from '../../policies/inventory/pulumi-preview/read';
import type { PulumiResourceRecord } from '../../policies/inventory/pulumi-resources/build';
import { runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';
import { inventoryFromPulumiStack, readStackConfigFile } from '../../policies/inventory/pulumi-program/run';
import { definePulumiProgram } from '../../stacks/pulumi-stack';
import { project } from '../pulumi/projection';
import { runCli } from '../support/cli';
import { previewFromMockRun } from '../support/pulumi-preview-fixture';
import type { Doc } from './helpers';
import { FIXTURES, fixture } from './helpers';

const FILE = 'prod-preview.json';
const REGISTRY = 'azure-native:containerregistry:Registry';
const TOKEN = 'azure-native:containerregistry:Token';

function stepOf(doc: Doc, type: string): Doc {
  const step = doc.steps.find((s: Doc) => s.newState?.type === type);
  if (!step) throw new Error(`no ${type} step in the fixture`);
  return step;
}

function inventoryOf(doc: Doc) {
  return inventoryFromPulumiPreviewJson(doc, 'prod', FILE);
}

describe('pulumi preview --json adapter', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'acr-iac-preview-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function write(name: string, doc: Doc): string {
    const file = path.join(dir, name);
    writeFileSync(file, typeof doc === 'string' ? doc : JSON.stringify(doc));
    return file;
  }

  it('gives the inventory of the default prod stack, as the program under mocks does', async () => {
    const fromPreview = inventoryOf(fixture(FILE));
    const fromMocks = await inventoryFromPulumiStack('prod', { program: definePulumiProgram });
    expect(fromPreview.format).toBe('pulumi');
    expect(fromPreview.file).toBe(FILE);
    expect(fromPreview.registries).toHaveLength(1);
    // Stale after a program change? Regenerate the fixture (test/support/pulumi-preview-fixture.ts).
    expect(project(fromPreview)).toEqual(project(fromMocks));
    // The engine's default provider is not a registration of the program: not counted.
    expect(fromPreview.resourceCount).toBe(fromMocks.resourceCount);
  });

  it('maps create steps back to the records of the mocks runner, secrets and unknowns included', async () => {
    const values = readStackConfigFile('prod', process.cwd());
    const run = await runUnderMocks(() => definePulumiProgram(), { ...values, stack: 'prod' });
    // Secret config under mocks is the placeholder, still secret: what a real secret input looks like.
    const secretWebhook: PulumiResourceRecord = {
      ...run.resources.find((r) => r.type === 'azure-native:containerregistry:Webhook')!,
      urn: 'urn:pulumi:prod::acr-iac::azure-native:containerregistry:Webhook::with-headers',
      name: 'with-headers',
      inputs: { customHeaders: { secret: true, value: '[secret]' }, registryName: UNKNOWN },
    };
    const resources = [...run.resources, secretWebhook];
    const doc = previewFromMockRun(
      { resources, outputs: run.outputs },
      { project: values.project, stack: 'prod', providerVersion: '3.28.0' },
    );
    const byUrn = (a: PulumiResourceRecord, b: PulumiResourceRecord) => a.urn.localeCompare(b.urn);
    // Inputs are kept only where the inventory reads them: never a provider's, which may hold credentials.
    const kept = resources.map((r) => (inventoryKeepsInputs(r.type) ? r : { ...r, inputs: {} }));
    expect(pulumiPreviewResources(doc, FILE).sort(byUrn)).toEqual(kept.sort(byUrn));
  });

  it('is detected by content, between Terraform plans and cdk.tf.json', () => {
    const nameOf = (name: string) => DOCUMENT_ADAPTERS.find((a) => a.detect(fixture(name)))?.name;
    expect(nameOf(FILE)).toBe('pulumi preview --json');
    expect(nameOf('staging.plan.json')).toBe('terraform plan JSON');
    expect(nameOf('prod.cdk.tf.json')).toBe('cdk.tf.json');
  });

  it('leaves out deleted resources and keeps one resource per replacement', () => {
    const doc = fixture(FILE);
    const registry = stepOf(doc, REGISTRY);
    const token = stepOf(doc, TOKEN);
    // A replacement as Pulumi prints it: create-replacement, replace, then delete-replaced.
    const old = { ...registry.newState, inputs: { ...registry.newState.inputs, zoneRedundancy: 'Disabled' } };
    const triple = [
      { ...registry, op: 'create-replacement', oldState: old },
      { ...registry, op: 'replace', oldState: old, replaceReasons: ['zoneRedundancy'] },
      { op: 'delete-replaced', urn: registry.urn, oldState: old, detailedDiff: null },
    ];
    doc.steps.splice(doc.steps.indexOf(registry), 1, ...triple);
    doc.steps.splice(doc.steps.indexOf(token), 1, {
      op: 'delete',
      urn: token.urn,
      oldState: token.newState,
      detailedDiff: null,
    });
    const records = pulumiPreviewResources(doc, FILE);
    expect(records.filter((r) => r.urn === registry.urn)).toHaveLength(1);
    expect(records.some((r) => r.urn === token.urn)).toBe(false);
    const inventory = inventoryOf(doc);
    expect(inventory.registries).toHaveLength(1);
    expect(inventory.registries[0].tokens).toEqual([]);
    const before = inventoryOf(fixture(FILE));
    expect(before.registries[0].tokens).toHaveLength(1);
    expect(inventory.resourceCount).toBe(before.resourceCount - 1);
  });

  it('leaves out resources the stack only reads', () => {
    const doc = fixture(FILE);
    doc.steps.push({
      op: 'read',
      urn: 'urn:pulumi:prod::acr-iac::azure-native:containerregistry:Registry::dev-source',
      newState: {
        custom: true,
        type: REGISTRY,
        external: true,
        inputs: { registryName: 'contosoacrdev' },
        outputs: { sku: { name: 'Standard' } },
      },
    });
    expect(inventoryOf(doc).registries.map((r) => r.name)).toEqual(['contosoacrprod']);
  });

  it('reads unknowns as UNKNOWN and keeps secrets opaque, as the mocks adapter does', () => {
    const serialized = { '4dabf18193072939515e22adb298388d': '1b47061264138c4ac30d75fd1eb44270' };
    expect(
      valueOf({
        a: [PULUMI_UNKNOWN_SENTINEL, { b: PULUMI_UNKNOWN_SENTINEL }],
        s: '[secret]',
        c: { ...serialized, ciphertext: 'AAAA' },
        p: { ...serialized, plaintext: '"Enabled"' },
      }),
    ).toEqual({
      a: [UNKNOWN, { b: UNKNOWN }],
      s: { secret: true, value: '[secret]' },
      c: { secret: true, value: '[secret]' },
      p: { secret: true, value: 'Enabled' },
    });
    const doc = fixture(FILE);
    const inputs = stepOf(doc, REGISTRY).newState.inputs;
    inputs.adminUserEnabled = '[secret]';
    inputs.location = PULUMI_UNKNOWN_SENTINEL;
    const registry = inventoryOf(doc).registries[0];
    // A hidden secret is unknown, and says so; the sentinel is plain UNKNOWN (known after apply).
    expect(registry.adminEnabled).toEqual({ unknown: true, reason: expect.stringMatching(/is a secret/) });
    expect(registry.location).toEqual(UNKNOWN);
  });

  it.each([
    ['"steps" is not a list', { steps: { op: 'create' } }, /: steps: expected a list of steps$/],
    [
      'a step without urn',
      { steps: [{ op: 'create', newState: { type: REGISTRY } }] },
      /: steps\[0\]\.urn: missing \(expected a string\)$/,
    ],
    [
      'a step with a state whose type is not a string',
      { steps: [{ op: 'create', urn: 'urn:pulumi:prod::p::t::n', newState: { type: 7 } }] },
      /: steps\[0\]\.newState\.type: expected a string$/,
    ],
    [
      'an unknown op',
      { steps: [{ op: 'teleport', urn: 'urn:pulumi:prod::p::t::n' }] },
      /: steps\[0\]\.op: expected one of "same", "create", /,
    ],
    [
      'a malformed urn',
      { steps: [{ op: 'create', urn: 'urn:other' }] },
      /: steps\[0\]\.urn: expected a Pulumi URN/,
    ],
  ])('throws one line naming the file on %s', (_what, doc, message) => {
    const error = (() => {
      try {
        inventoryOf(doc);
      } catch (e) {
        return e as Error;
      }
      throw new Error('no error');
    })();
    expect(error).toBeInstanceOf(InventoryInputError);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`${FILE}: `)).toBe(true);
    expect(error.message).not.toContain('\n');
  });

  it('acr-iac check <preview> --env prod passes on the default stack', async () => {
    const result = await runCli('check', path.join(FIXTURES, FILE), '--env', 'prod');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('PASSED');
  });

  it('acr-iac check prod-preview.json fails naming ACR-003 when public access is enabled', async () => {
    const doc = fixture(FILE);
    stepOf(doc, REGISTRY).newState.inputs.publicNetworkAccess = 'Enabled';
    // No --env: the environment comes from the file name, as for plan files.
    const result = await runCli('check', write(FILE, doc));
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL ACR-003 .*\(mandatory\)/);
  });

  it('acr-iac check exits 2 with one line on malformed steps', async () => {
    const file = write('broken-preview.json', { steps: [{ op: 'create' }], changeSummary: {} });
    const result = await runCli('check', file, '--env', 'prod');
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/broken-preview\.json: steps\[0\]\.urn: missing \(expected a string\)$/m);
  });
});
