/**
 * Every type token the installed `@pulumi/azure-native` declares as an alias of a type the toolkit
 * reads (its API-versioned modules, its older module names) maps to the type's default token: read
 * from the SDK's own resource classes, not from a list written here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalPulumiType } from '../../constructs/model/pulumi-types';
import { REMOVAL_KINDS_BY_TYPE } from '../../constructs/model/removal-kinds';
import { PULUMI_TYPES } from '../../policies/inventory/pulumi-resources/values';
import { DEPLOY_TYPES } from '../../policies/inventory/pulumi-resources/deploy-attachments';

const SDK = path.dirname(require.resolve('@pulumi/azure-native/package.json'));

/** The default token and the aliases the SDK's class of `token` declares. */
function declared(token: string): { readonly own: string; readonly aliases: readonly string[] } {
  const [, module, type] = token.split(':');
  const file = path.join(SDK, module, `${type[0].toLowerCase()}${type.slice(1)}.js`);
  const source = readFileSync(file, 'utf8');
  const own = /static __pulumiType = '([^']+)'/.exec(source)?.[1] ?? '';
  const aliases = [...source.matchAll(/\{ type: "(azure-native:[^"]+)" \}/g)].map((m) => m[1]);
  return { own, aliases };
}

const READ = [
  ...new Set([
    ...Object.values(PULUMI_TYPES),
    ...Object.values(DEPLOY_TYPES),
    ...Object.keys(REMOVAL_KINDS_BY_TYPE),
  ]),
]
  .filter((t) => t.startsWith('azure-native:'))
  .sort();

describe('azure-native type tokens', () => {
  it.each(READ)('every alias of %s is read as it', (token) => {
    const { own, aliases } = declared(token);
    expect(own).toBe(token);
    expect(canonicalPulumiType(token)).toBe(token);
    for (const alias of aliases) expect([alias, canonicalPulumiType(alias)]).toEqual([alias, token]);
  });

  it('finds the aliases it checks (versioned modules and renamed modules)', () => {
    const all = READ.flatMap((t) => declared(t).aliases);
    expect(all.length).toBeGreaterThan(200);
    expect(all).toContain('azure-native:containerregistry/v20230701:Registry');
    expect(all).toContain('azure-native:insights:DiagnosticSetting');
    expect(all).toContain('azure-native:network:PrivateZone');
  });

  it('leaves tokens of other providers and unknown shapes as they are', () => {
    expect(canonicalPulumiType('azure:containerservice/registry:Registry')).toBe(
      'azure:containerservice/registry:Registry',
    );
    expect(canonicalPulumiType('pulumi:pulumi:Stack')).toBe('pulumi:pulumi:Stack');
    expect(canonicalPulumiType('azure-native:containerregistry/latest:Registry')).toBe(
      'azure-native:containerregistry/latest:Registry',
    );
  });
});
