/**
 * The scan that tells a plain reference to a resource attribute without the parser passes exactly
 * the texts the parser classifies so (a string it passes over means what it meant). A reference
 * written with spaces or strip markers (`${ a.b.c }`, valid Terraform) is evaluated into the plain
 * form, so what it names is found.
 */
import fc from 'fast-check';
import { inventoryFromTerraformJson } from '../../policies';
import { cdktfResources } from '../../policies/inventory/cdktf/read';
import { knownText, plainReferenceRootEnd } from '../../policies/inventory/terraform-json/body-text';

const isPlainReference = (text: string): boolean => plainReferenceRootEnd(text) > 0;

const parsedAsPlain = (text: string): boolean => knownText(text).plainRoot !== null;

/**
 * The property: the scan and the parser agree. A reference with spaces or strip markers
 * (`${ a.b.c }`) is not plain to either: it is evaluated into the plain form.
 */
const agrees = (text: string): boolean => isPlainReference(text) === parsedAsPlain(text);

describe('plainReferenceRootEnd', () => {
  it('agrees with the parser on references and near-references', () => {
    const texts = [
      '${azurerm_container_registry.acr.id}',
      '${data.azurerm_client_config.current.object_id}',
      '${a-b.c-d.e-}',
      '${a._b.c}',
      '${a.b}',
      '${a.b.0}',
      '${a.0b.c}',
      '${a..b.c}',
      '${a.b.c.}',
      '${.a.b}',
      '${ a.b.c }',
      '${~a.b.c}',
      '${a.b.c}x',
      'x${a.b.c}',
      '$${a.b.c}',
      '${a.b.c}}',
      '${a.b["c"]}',
      '${a.b[0].c}',
      '${var.a.b}',
      '${local.a.b}',
      '${each.value.id}',
      '${count.index.x}',
      '${module.m.out}',
      '${path.module.x}',
      '${terraform.workspace.x}',
      '${self.a.b}',
      '${true.a.b}',
      '${null.a.b}',
      '${false.a.b}',
      '${vars.a.b}',
      '${for.a.b}',
      '${_.a.b}',
      '${1a.b.c}',
      '${a.b.c',
      '${}',
      '${a.b.c.d.e.f}',
      '${a::b.c.d}',
      '${a.b.c()}',
    ];
    for (const text of texts) expect([text, agrees(text)]).toEqual([text, true]);
    expect(plainReferenceRootEnd('${azurerm_container_registry.acr.id}')).toBe(28);
    expect(texts.filter(isPlainReference)).toEqual([
      '${azurerm_container_registry.acr.id}',
      '${data.azurerm_client_config.current.object_id}',
      '${a-b.c-d.e-}',
      '${a._b.c}',
      '${vars.a.b}',
      '${for.a.b}',
      '${_.a.b}',
      '${a.b.c.d.e.f}',
    ]);
  });

  it('agrees with the parser on generated texts', () => {
    const piece = fc.constantFrom(
      'a',
      'b',
      '_',
      '-',
      '0',
      '.',
      '$',
      '{',
      '}',
      ' ',
      '~',
      'var',
      'null',
      '[',
      '"',
    );
    const text = fc.array(piece, { maxLength: 12 }).map((parts) => `\${${parts.join('')}}`);
    fc.assert(fc.property(text, agrees), { numRuns: 2000 });
  });
});

describe('what a body string means in a module', () => {
  const module = (location: string): unknown => ({
    variable: { location: { default: location } },
    resource: {
      azurerm_resource_group: { a: { name: 'rg-${var.location}' }, b: { name: 'rg-${var.location}' } },
    },
  });
  const names = (doc: unknown): unknown[] => cdktfResources(doc).map((r) => r.values.name);

  it('is kept for the reading it was evaluated in, never for another module with the same text', () => {
    expect(names(module('westeurope'))).toEqual(['rg-westeurope', 'rg-westeurope']);
    expect(names(module('northeurope'))).toEqual(['rg-northeurope', 'rg-northeurope']);
    expect(names(module('westeurope'))).toEqual(['rg-westeurope', 'rg-westeurope']);
  });
});

describe('a reference written with spaces', () => {
  it('names what the same reference without them names', () => {
    const registry = { name: 'acrteam', resource_group_name: 'rg', location: 'westeurope', sku: 'Premium' };
    const grant = (scope: string) => ({
      scope,
      role_definition_name: 'AcrPush',
      principal_id: '00000000-0000-0000-0000-000000000001',
    });
    const inventory = inventoryFromTerraformJson(
      {
        resource: {
          azurerm_container_registry: { acr: registry },
          azurerm_role_assignment: {
            spaced: grant('${ azurerm_container_registry.acr.id }'),
            stripped: grant('${~azurerm_container_registry.acr.id~}'),
            plain: grant('${azurerm_container_registry.acr.id}'),
          },
        },
      },
      'prod',
      'main.tf.json',
    );
    expect(inventory.registries[0].roleAssignments.map((g) => g.source.address)).toEqual([
      'azurerm_role_assignment.spaced',
      'azurerm_role_assignment.stripped',
      'azurerm_role_assignment.plain',
    ]);
  });
});
