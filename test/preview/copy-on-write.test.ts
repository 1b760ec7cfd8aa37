/**
 * The redaction walks are copy on write (what they leave alone is the plan's own value, so a large plan
 * is not copied per walk), with the results the copying walks gave: secrets hidden, a `__proto__` key
 * never an own member of a change's values.
 */
import type { JsonObject } from '../../preview';
import { REDACTED, applySensitiveMask, redactKnownSecrets } from '../../preview';

describe('copy-on-write redaction', () => {
  it('returns values without secrets as they are, and copies only the path to a secret', () => {
    const values = JSON.parse(
      '{"name":"acr","tags":{"team":"a"},"hooks":[{"uri":"https://h.example"},{"password":"p"}]}',
    ) as JsonObject;
    expect(redactKnownSecrets('azurerm_container_registry_webhook', values)).toEqual({
      ...values,
      hooks: [{ uri: 'https://h.example' }, { password: REDACTED }],
    });
    const redacted = redactKnownSecrets('azurerm_x', values);
    expect(redacted.tags).toBe(values.tags);
    expect((redacted.hooks as JsonObject[])[0]).toBe((values.hooks as JsonObject[])[0]);
    const clean = JSON.parse('{"name":"acr","tags":{"team":"a"}}') as JsonObject;
    expect(redactKnownSecrets('azurerm_x', clean)).toBe(clean);
    expect(applySensitiveMask(clean, { tags: {} })).toBe(clean);
    expect(applySensitiveMask(clean, { tags: true })).toEqual({ name: 'acr', tags: REDACTED });
  });

  it('drops a __proto__ key as the copying walks did', () => {
    const values = JSON.parse('{"a":1,"__proto__":{"b":2},"c":{"__proto__":3,"d":4}}') as JsonObject;
    const out = redactKnownSecrets('azurerm_x', values);
    expect(Object.keys(out)).toEqual(['a', 'c']);
    expect(Object.keys(out.c as JsonObject)).toEqual(['d']);
    const masked = applySensitiveMask(values, {}) as JsonObject;
    expect(Object.keys(masked)).toEqual(['a', 'c']);
    expect(masked.c).toBe(values.c);
  });
});
