/**
 * Terraform's `title()`, as modules write `sku = title(var.sku)`: cty's TitleFunc is Go's
 * strings.Title, which upper-cases each letter after a separator (the start counts as one; among
 * ASCII characters, all but letters, digits and `_` separate words). Text beyond ASCII, where Go's
 * Unicode rules are not JavaScript's, stays unknown.
 */
import { FUNCTIONS } from '../../policies/inventory/terraform-json/functions';
import { rootModuleCheck } from './helpers';

describe('title()', () => {
  it.each([
    ['hello world', 'Hello World'],
    ['premium', 'Premium'],
    ['PREMIUM', 'PREMIUM'],
    ['snake_case-and.dots', 'Snake_case-And.Dots'],
    ['9lives x', '9lives X'],
    ['', ''],
  ])('of %j is %j, as strings.Title makes it', (text, titled) => {
    expect(FUNCTIONS.title([text])).toBe(titled);
  });

  it('of text beyond ASCII is unknown, with the reason', () => {
    expect(FUNCTIONS.title(['straße'])).toEqual({
      unknown: true,
      reason: 'title() of a text beyond ASCII is not evaluated here (check the plan)',
    });
  });

  const check = rootModuleCheck('acr-title-', {});
  const registry = (sku: string): Record<string, unknown> => ({
    azurerm_container_registry: {
      acr: { name: 'contosoacrprod', resource_group_name: 'rg', location: 'westeurope', sku },
    },
  });

  it('decides a registry’s SKU (ACR-026)', () => {
    // The old reading: "the SKU of contosoacrprod is unknown: the function title() is not evaluated here".
    expect(check(registry('${title("premium")}'), ['ACR-026'])).toEqual([
      'ACR-026 pass: contosoacrprod is Premium',
    ]);
    expect(check(registry('${title("standard")}'), ['ACR-026'])).toEqual([
      'ACR-026 fail: contosoacrprod is Standard, not Premium',
    ]);
  });
});
