/**
 * Every output is sorted by plain code units, never by `localeCompare`: ICU collation depends on the
 * machine's locale (in Estonian `z` sorts between `s` and `t`; every locale puts `a` before `B`), so
 * a synthesized cdk.tf.json or an inventory sorted by it would differ between a laptop and CI. Code
 * units put `Z` (90) before `a` (97) and `.` (46) before `_` (95), where every locale does the opposite.
 */
import { resolveEstate } from '../../constructs/model/resolve';
import { compareCodeUnits } from '../../constructs/model/order';
import { inventoryFromTerraformJson } from '../../policies';
import { env, estateOf } from '../support/declarations';

describe('the order of outputs', () => {
  it('is code-unit order, unlike any locale', () => {
    expect(['alpha', 'Zulu', 'a_b', 'a.b'].sort(compareCodeUnits)).toEqual(['Zulu', 'a.b', 'a_b', 'alpha']);
    expect(['alpha', 'Zulu'].sort((a, b) => a.localeCompare(b))).toEqual(['alpha', 'Zulu']);
  });

  it('orders the tags of a synthesized registry by code units', () => {
    const registry = resolveEstate(estateOf(env('prod', { tags: { costCenter: '1', Owner: 'platform' } })))
      .environments[0].registry;
    expect(Object.keys(registry.tags)).toEqual(expect.arrayContaining(['Owner', 'costCenter']));
    const keys = Object.keys(registry.tags);
    expect(keys.indexOf('Owner')).toBeLessThan(keys.indexOf('costCenter'));
  });

  it("orders an inventory's registries by code units", () => {
    const registry = (name: string) => ({
      name,
      resource_group_name: 'rg',
      location: 'westeurope',
      sku: 'Basic',
    });
    const inventory = inventoryFromTerraformJson(
      {
        resource: { azurerm_container_registry: { alpha: registry('acralpha'), Zulu: registry('acrzulu') } },
      },
      'prod',
      'main.tf.json',
    );
    expect(inventory.registries.map((r) => r.source.address)).toEqual([
      'azurerm_container_registry.Zulu',
      'azurerm_container_registry.alpha',
    ]);
  });
});
