/**
 * A replica that may not exist (its `count`/`for_each` undecided: presence UNKNOWN) decides no
 * verdict it alone would make: soft delete is not "rejected because geo-replicated" (ACR-053), and a
 * region no quarantine webhook hears is not a failure there (ACR-051); both are unknown, with the
 * reason. A replica that surely exists still fails them, and a replica that may not is still judged
 * on its own declared settings (its region, ACR-009), as every item is.
 */
import type { Inventory, Registry } from '../../policies';
import { evaluate, inventoryFromCdktfJson, resolvePolicyConfig } from '../../policies';
import { unknownBecause } from '../../policies/inventory/types';
import { fixture } from './helpers';

const DOUBT = unknownBecause('test: its count is not decided');

/** The shipped prod registry with `change` applied. */
function inventory(change: (registry: Registry) => Partial<Registry>): Inventory {
  const base = inventoryFromCdktfJson(fixture('prod.cdk.tf.json'), 'prod', 'stacks/prod/cdk.tf.json');
  return { ...base, registries: base.registries.map((r) => ({ ...r, ...change(r) })) };
}

const outcomes = (inv: Inventory, rule: string): string[] =>
  evaluate(
    [inv],
    resolvePolicyConfig({
      order: ['prod'],
      replicaRegions: { prod: [] },
      allowedRegions: ['westeurope', 'northeurope'],
    }),
  )
    .findings.filter((f) => f.ruleId === rule)
    .map((f) => `${f.result}: ${f.message}`);

/** A replica in a region no webhook of the fixture hears, surely there or maybe. */
const replicaIn = (r: Registry, sure: boolean) => [
  {
    source: r.source,
    location: 'japaneast',
    zoneRedundancy: true,
    regionalEndpoint: false,
    ...(sure ? {} : { presence: DOUBT }),
  },
];

describe('a replica that may not exist', () => {
  it('makes soft delete unknown, not rejected (ACR-053)', () => {
    const soft = (sure: boolean) =>
      inventory((r) => ({ softDeleteDays: 7, retentionDays: 0, replicas: replicaIn(r, sure) }));
    expect(outcomes(soft(true), 'ACR-053')).toEqual([
      'fail: soft delete on contosoacrprod is rejected by Azure: the registry is geo-replicated',
    ]);
    expect(outcomes(soft(false), 'ACR-053')).toEqual([
      'unknown: whether contosoacrprod is geo-replicated is not known: test: its count is not decided',
    ]);
  });

  it('is still judged on its own declared settings: a region outside the allowed ones fails (ACR-009)', () => {
    const placed = inventory((r) => ({ replicas: replicaIn(r, false) }));
    expect(outcomes(placed, 'ACR-009').filter((o) => o.includes('japaneast'))).toEqual([
      'fail: a replica of contosoacrprod is in japaneast, not an allowed region',
    ]);
  });

  it('makes an unheard region unknown, not a failure (ACR-051)', () => {
    const hooked = (sure: boolean) => inventory((r) => ({ quarantine: true, replicas: replicaIn(r, sure) }));
    const japan = (inv: Inventory) => outcomes(inv, 'ACR-051').filter((o) => o.includes('japaneast'));
    expect(japan(hooked(true))).toEqual([
      'fail: no quarantine webhook of contosoacrprod hears japaneast: images pushed there stay quarantined',
    ]);
    expect(japan(hooked(false))).toEqual([
      'unknown: no quarantine webhook of contosoacrprod hears japaneast, where a replica may exist: test: its count is not decided',
    ]);
  });
});
