import { countActions, parsePulumiPreview, REDACTED } from '../../preview';
import { loadPlan } from './helpers';

describe('parsePulumiPreview', () => {
  const set = parsePulumiPreview(loadPlan('prod-preview.json'), 'prod');
  const byName = new Map(set.resources.map((r) => [r.name, r]));

  it('counts a replacement once, with its order', () => {
    const counts = countActions(set);
    expect(counts).toMatchObject({ create: 1, update: 2, replace: 2, delete: 3, 'no-op': 1, read: 1 });
    expect(byName.get('contosoacrprod')).toMatchObject({
      action: 'replace',
      replaceOrder: 'delete-before-create',
      replacePaths: ['zoneRedundancy'],
    });
    expect(byName.get('registry')).toMatchObject({
      action: 'replace',
      replaceOrder: 'create-before-destroy',
    });
  });

  it('leaves out the stack, providers and components', () => {
    expect(set.resources.map((r) => r.type)).not.toContain('pulumi:pulumi:Stack');
    expect(set.resources.some((r) => r.type.startsWith('pulumi:providers:'))).toBe(false);
    expect(set.resources.map((r) => r.type)).not.toContain('acr-iac:index:Registry');
  });

  it('redacts [secret] and known-sensitive properties, even in clear text', () => {
    const token = byName.get('release-pull');
    expect(token?.before?.credentials).toBe(REDACTED);
    expect(token?.after?.credentials).toBe(REDACTED);
    expect(byName.get('scanner')?.after?.customHeaders).toBe(REDACTED);
    expect(JSON.stringify(set)).not.toContain('s3cr3t');
  });

  it('turns the unknown sentinel into unknown paths', () => {
    const webhook = byName.get('scanner');
    expect(webhook?.unknownAfter).toEqual(['registryName']);
    expect(webhook?.after?.registryName).toBeUndefined();
  });

  it('sees protection being removed', () => {
    expect(byName.get('rg-acr-prod')).toMatchObject({ protectedBefore: true, protectedAfter: false });
  });

  it('rejects other shapes', () => {
    expect(() => parsePulumiPreview({ steps: [{ op: 'create' }] }, 'x')).toThrow(
      'x preview: steps[0].urn: missing (expected a string)',
    );
    expect(() => parsePulumiPreview({ hello: 1 }, 'x')).toThrow(/not a Pulumi preview/);
    const unknownOp = { steps: [{ op: 'teleport', urn: 'urn:pulumi:s::p::azure-native:x:Y::n' }] };
    expect(() => parsePulumiPreview(unknownOp, 'x')).toThrow(/x preview: steps\[0\]\.op: expected one of /);
  });
});
