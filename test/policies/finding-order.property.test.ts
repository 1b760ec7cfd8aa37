/**
 * A finding group hands its findings back in report order (address, then message, equal findings in
 * arrival order) whatever order they arrive in: the same as one stable sort on both keys. Findings
 * arrive at registries' own sources (ranked by the registry's place in a list of ascending addresses)
 * or at other locations (some with an address a registry has, some sharing location objects), with
 * messages repeated so that runs at one address and equal findings occur. Runs are bounded.
 */
import fc from 'fast-check';
import type { Finding } from '../../policies';
import { FindingGroup } from '../../policies/findings';
import type { SourceLocation } from '../../policies/inventory/types';
import type { RuleInfo } from '../../policies/rules/types';

const RULE: RuleInfo = {
  id: 'ACR-001',
  title: 'A rule',
  severity: 'high',
  rationale: 'Why.',
  remediation: 'How.',
  references: {},
  posture: 'baseline',
};

/** Registry addresses in ascending order (long shared prefixes, as real addresses have). */
const REGISTRIES: readonly SourceLocation[] = ['reg0', 'reg1', 'reg10', 'reg100', 'reg2']
  .map((name) => `azurerm_container_registry.${name}`)
  .sort()
  .map((address) => ({ file: 'main.tf.json', address }));

/** Other locations: attachments, and a second object with a registry's address. */
const OTHERS: readonly SourceLocation[] = [
  ...['reg0pe["neu"]', 'reg1pe["weu"]', 'reg10pe["neu"]', 'reg2pe["neu"]'].map((name) => ({
    file: 'main.tf.json',
    address: `azurerm_private_endpoint.${name}`,
  })),
  { file: 'other.tf.json', address: REGISTRIES[1].address },
];

const MESSAGES = ['a replica is in northeurope', 'contosoacr is in westeurope', 'b', 'a'];

/** One arrival: at a registry's source (ranked) or at another location (unranked). */
const arrival = fc.record({
  registry: fc.boolean(),
  index: fc.nat({ max: 99 }),
  message: fc.constantFrom(...MESSAGES),
});

function finding(location: SourceLocation, message: string, serial: number): Finding {
  return {
    ruleId: RULE.id,
    title: RULE.title,
    severity: RULE.severity,
    result: 'pass',
    environment: 'prod',
    registry: `r${serial}`,
    message,
    location,
    enforcement: 'mandatory',
    mandatory: false,
  };
}

function compare(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}

describe('the order of a finding group', () => {
  it('is one stable sort by address and message, however the findings arrive', () => {
    fc.assert(
      fc.property(
        fc.array(arrival, { maxLength: 40 }),
        fc.boolean(),
        fc.nat({ max: 50 }),
        (arrivals, ranked, size) => {
          const group = new FindingGroup(RULE, 'prod', 'mandatory', [], size);
          const arrived: Finding[] = [];
          arrivals.forEach((a, serial) => {
            const rank = a.index % REGISTRIES.length;
            const location = a.registry ? REGISTRIES[rank] : OTHERS[a.index % OTHERS.length];
            const f = finding(location, a.message, serial);
            arrived.push(f);
            group.add(f, a.registry && ranked ? rank : -1);
          });
          const expected = [...arrived].sort(
            (x, y) => compare(x.location.address, y.location.address) || compare(x.message, y.message),
          );
          expect(group.inOrder()).toEqual(expected);
          // The same objects, equal ones in arrival order (toEqual alone would not tell them apart).
          expect(group.inOrder().map((f) => f.registry)).toEqual(expected.map((f) => f.registry));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('sorts nothing when findings arrive in order', () => {
    const group = new FindingGroup(RULE, 'prod', 'mandatory', []);
    const arrived = REGISTRIES.flatMap((location, rank) =>
      ['contosoacr is in westeurope', 'a replica is in northeurope'].map((message) => {
        const f = finding(location, message, rank);
        group.add(f, rank);
        return f;
      }),
    );
    const sort = jest.spyOn(Array.prototype, 'sort');
    const inOrder = group.inOrder();
    expect(sort).not.toHaveBeenCalled();
    sort.mockRestore();
    // Each registry's two messages swapped by insertion, registries in their order.
    expect(inOrder.map((f) => [f.location.address, f.message])).toEqual(
      arrived.map((_, i) => [arrived[i ^ 1].location.address, arrived[i ^ 1].message]),
    );
  });
});
