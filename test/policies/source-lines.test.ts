import { lineLookup, resourceLines } from '../../policies';

const STACK = JSON.stringify(
  {
    data: { azurerm_container_registry: { source: { name: 'a' } } },
    resource: {
      azurerm_container_registry: { registry: { name: 'b' }, other: { name: 'c' } },
      azurerm_management_lock: { lock: { name: 'l' } },
    },
    output: { login: { value: 'x' } },
  },
  null,
  2,
);

describe('resource lines', () => {
  it('finds resources and data sources in a cdk.tf.json as cdktf writes it', () => {
    const lines = resourceLines(STACK);
    const text = STACK.split('\n');
    expect([...lines.keys()]).toEqual([
      'data.azurerm_container_registry.source',
      'azurerm_container_registry.registry',
      'azurerm_container_registry.other',
      'azurerm_management_lock.lock',
    ]);
    for (const [address, line] of lines)
      expect(text[line - 1]).toBe(`      "${address.split('.').pop()}": {`);
  });

  it('gives no lines for other layouts or outside the resource blocks', () => {
    expect(resourceLines(JSON.stringify(JSON.parse(STACK))).size).toBe(0);
    expect(resourceLines(STACK).has('output.login')).toBe(false);
  });

  it('reads each file once and tolerates unreadable files', () => {
    const reads: string[] = [];
    const lineOf = lineLookup((file) => {
      reads.push(file);
      if (file === 'missing.json') throw new Error('ENOENT');
      return STACK;
    });
    expect(lineOf('stack.json', 'azurerm_management_lock.lock')).toBe(
      STACK.split('\n').indexOf('      "lock": {') + 1,
    );
    expect(lineOf('stack.json', 'azurerm_container_registry.nope')).toBeUndefined();
    expect(lineOf('missing.json', 'azurerm_management_lock.lock')).toBeUndefined();
    expect(lineOf('missing.json', 'azurerm_management_lock.lock')).toBeUndefined();
    expect(reads).toEqual(['stack.json', 'missing.json']);
  });
});
