/**
 * The classic provider's tokens the toolkit reads are those the installed `@pulumi/azure` declares
 * (each class's `__pulumiType`), every older token its class declares as an alias is read as it, and
 * each twin is an azure-native type the adapter reads.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE,
  CLASSIC_TYPE_ALIASES,
  currentClassicType,
} from '../../constructs/model/pulumi-classic-types';
import { PULUMI_TYPES } from '../../policies/inventory/pulumi-resources/values';
import { DEPLOY_TYPES } from '../../policies/inventory/pulumi-resources/deploy-attachments';

const SDK = path.dirname(require.resolve('@pulumi/azure/package.json'));

/** The token and the aliases the SDK's class of `token` (`azure:<module>/<file>:<Type>`) declares. */
function declared(token: string): { readonly own: string; readonly aliases: readonly string[] } {
  const [, modulePath] = token.split(':');
  const source = readFileSync(path.join(SDK, `${modulePath}.js`), 'utf8');
  const own = /static __pulumiType = '([^']+)'/.exec(source)?.[1] ?? '';
  const aliases = [...source.matchAll(/\{ type: "(azure:[^"]+)" \}/g)].map((m) => m[1]);
  return { own, aliases };
}

const READ = Object.keys(AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE).sort();

describe('classic azure type tokens', () => {
  it.each(READ)('%s is declared by @pulumi/azure, and its aliases are read as it', (token) => {
    const { own, aliases } = declared(token);
    expect(own).toBe(token);
    for (const alias of aliases) expect([alias, currentClassicType(alias)]).toEqual([alias, token]);
  });

  it('every alias listed is declared by the class of its token', () => {
    for (const [alias, token] of Object.entries(CLASSIC_TYPE_ALIASES))
      expect(declared(token).aliases).toContain(alias);
  });

  it('every twin is an azure-native type the adapter reads', () => {
    const read = new Set<string>([
      ...Object.values(PULUMI_TYPES),
      ...Object.values(DEPLOY_TYPES),
      'azure-native:resources:ResourceGroup',
    ]);
    for (const twin of Object.values(AZURE_NATIVE_TYPE_BY_CLASSIC_TYPE)) expect(read).toContain(twin);
  });
});
