/**
 * The plan and preview readers keep attribute values only for the types that need them (memory on
 * large plans). A type some adapter or the preview reads but the readers drop would silently become
 * "no values": so every type named in the code that reads values must be kept.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { inventoryKeepsValues } from '../../policies/inventory/plan/read';
import { inventoryKeepsInputs } from '../../policies/inventory/pulumi-preview/read';
import { REMOVAL_KINDS_BY_TYPE } from '../../constructs/model/removal-kinds';
import { keepsValues } from '../../preview/resource-kinds';

const ROOT = path.join(__dirname, '..', '..');

function sources(folder: string): string[] {
  const dir = path.join(ROOT, folder);
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sources(path.join(folder, name));
    return name.endsWith('.ts') ? [readFileSync(file, 'utf8')] : [];
  });
}

/** Quoted type names in the sources of `folders`. */
function typesNamedIn(folders: readonly string[], pattern: RegExp): string[] {
  const text = folders.flatMap(sources).join('\n');
  return [...new Set([...text.matchAll(pattern)].map((m) => m[1]))].sort();
}

const TERRAFORM = /'((?:azurerm|azapi|time)_[a-z0-9_]+)'/g;
const AZURE_NATIVE = /'(azure-native:[a-zA-Z]+:[A-Za-z]+)'/g;

describe('values kept by the lean readers', () => {
  it('keeps every Terraform type the inventory reads', () => {
    const types = typesNamedIn(['policies/inventory/terraform-resources', 'policies/rules'], TERRAFORM);
    expect(types.length).toBeGreaterThan(10);
    const parse = (type: string) => ({ module: '', mode: 'managed' as const, type, name: 'x', key: '' });
    // Types the readers name only in references, whose own values they never read: a credential set's
    // `${azurerm_key_vault_secret.x.versionless_id}` is a Key Vault secret ID by its text (keeping a
    // secret's values would keep its `value` too).
    const referencedOnly = new Set(['azurerm_key_vault_secret']);
    expect(types.filter((type) => !referencedOnly.has(type) && !inventoryKeepsValues(parse(type)))).toEqual(
      [],
    );
    expect([...referencedOnly].filter((type) => inventoryKeepsValues(parse(type)))).toEqual([]);
    expect(inventoryKeepsValues(parse('azurerm_linux_virtual_machine'))).toBe(false);
    expect(inventoryKeepsValues({ ...parse('azurerm_anything'), mode: 'data' })).toBe(true);
  });

  it('keeps every azure-native type the inventory reads', () => {
    const types = typesNamedIn(['policies/inventory/pulumi-resources'], AZURE_NATIVE);
    expect(types.length).toBeGreaterThan(10);
    expect(types.filter((type) => !inventoryKeepsInputs(type))).toEqual([]);
    expect(inventoryKeepsInputs('azure-native:compute:VirtualMachine')).toBe(false);
  });

  it('keeps every type the preview reads, and the removal kinds, in change sets', () => {
    const types = [
      ...typesNamedIn(['preview'], TERRAFORM),
      ...typesNamedIn(['preview'], AZURE_NATIVE),
      ...Object.keys(REMOVAL_KINDS_BY_TYPE),
    ];
    expect(types.filter((type) => !keepsValues(type))).toEqual([]);
    expect(keepsValues('azurerm_linux_virtual_machine')).toBe(false);
  });
});
