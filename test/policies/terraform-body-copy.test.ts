/**
 * A resource body is copied only where evaluation changes it, and the copy holds the body's keys in
 * its order without the meta-arguments (never written); a `dynamic` block's blocks join the static
 * ones of the same type, evaluated, where those are.
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

  it('place dynamic blocks with the static ones of their type, else after the body keys', () => {
    const replicas = (type: string): Record<string, unknown> => ({
      [type]: { for_each: '${var.replicas}', content: { location: `\${${type}.value}` } },
    });
    const keysOf = (body: Record<string, unknown>): string[] =>
      Object.keys(cdktfResources(doc(body))[0].values);
    // A static key further on keeps its place and gets the generated blocks after its own.
    expect(keysOf({ a: 1, dynamic: replicas('b'), b: [{ location: 'x' }], c: 2 })).toEqual(['a', 'b', 'c']);
    // A type the body does not have, or a key it dropped (a meta-argument), comes after the body's keys.
    expect(keysOf({ a: 1, dynamic: { ...replicas('x'), ...replicas('y') }, b: 2 })).toEqual([
      'a',
      'b',
      'x',
      'y',
    ]);
    // Whichever side of `dynamic` the dropped key is on.
    expect(keysOf({ lifecycle: {}, dynamic: replicas('lifecycle'), z: 1 })).toEqual(['z', 'lifecycle']);
    expect(keysOf({ dynamic: replicas('lifecycle'), lifecycle: {}, z: 1 })).toEqual(['z', 'lifecycle']);
    const [acr] = cdktfResources(doc({ a: '${var.replicas[0]}', dynamic: replicas('a') }));
    expect(acr.values).toEqual({ a: ['northeurope', { location: 'northeurope' }] });
  });

  it('keep the generated blocks when the static blocks after `dynamic` are evaluated too', () => {
    // Terraform merges static and dynamic blocks of one type; the static block here has a reference,
    // so its evaluated copy replaces the one as written (the generated replicas once went with it).
    const [acr] = cdktfResources(
      doc({
        dynamic: {
          georeplications: { for_each: '${var.replicas}', content: { location: '${georeplications.value}' } },
        },
        georeplications: { location: '${var.replicas[0]}', zone_redundancy_enabled: true },
      }),
    );
    expect(acr.values.georeplications).toEqual([
      { location: 'northeurope', zone_redundancy_enabled: true },
      { location: 'northeurope' },
    ]);
  });

  it('keep a `__proto__` key, or blocks of a dynamic "__proto__", as an ordinary own key', () => {
    const [acr] = cdktfResources(
      JSON.parse(
        '{"variable":{"replicas":{"default":["northeurope"]}},"resource":{"azurerm_container_registry":{"acr":' +
          '{"name":"${var.replicas[0]}","__proto__":{"x":"${var.replicas[0]}"},' +
          '"dynamic":{"__proto__":{"for_each":"${var.replicas}","content":{"location":"${__proto__.value}"}}}}}}}',
      ),
    );
    expect(Object.getPrototypeOf(acr.values)).toBe(Object.prototype);
    expect(Object.keys(acr.values)).toEqual(['name', '__proto__']);
    expect(Object.getOwnPropertyDescriptor(acr.values, '__proto__')?.value).toEqual([
      { x: 'northeurope' },
      { location: 'northeurope' },
    ]);
  });
});
