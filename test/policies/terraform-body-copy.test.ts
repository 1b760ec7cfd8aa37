/**
 * A resource body is copied only where evaluation changes it, and the copy holds the body's keys in
 * its order without the meta-arguments: dropped keys are left out when the copy is finished, a
 * `dynamic` block's blocks join the static ones of the same type in place.
 */
import { cdktfResources } from '../../policies/inventory/cdktf/read';

const doc = (body: Record<string, unknown>): unknown => ({
  variable: { replicas: { default: ['northeurope'] } },
  resource: { azurerm_container_registry: { acr: body } },
});

describe('evaluated resource bodies', () => {
  it('keep the body order without meta-arguments, dynamic blocks merged in place', () => {
    const [acr] = cdktfResources(
      doc({
        count: 1,
        name: 'acr1',
        dynamic: {
          georeplications: { for_each: '${var.replicas}', content: { location: '${georeplications.value}' } },
        },
        georeplications: [{ location: 'swedencentral' }],
        lifecycle: { prevent_destroy: true },
        tags: { '//': 'a comment', owner: 'platform' },
      }),
    );
    expect(acr.address).toBe('azurerm_container_registry.acr[0]');
    expect(Object.keys(acr.values)).toEqual(['name', 'georeplications', 'tags']);
    expect(acr.values.georeplications).toEqual([{ location: 'swedencentral' }, { location: 'northeurope' }]);
    expect(acr.values.tags).toEqual({ owner: 'platform' });
    expect(acr.preventDestroy).toBe(true);
  });

  it('return a body with nothing to evaluate as it is', () => {
    const body = { name: 'acr1', sku: 'Premium', tags: { owner: 'platform' } };
    const [acr] = cdktfResources(doc(body));
    expect(acr.values).toBe(body);
  });
});
