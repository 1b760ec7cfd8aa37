/**
 * The synth scale benchmark's declaration is one the model accepts: a benchmark whose input is refused
 * measures nothing (an earlier model change made the purge task's network route an error and the
 * benchmark died instead of timing synth).
 */
import { defineEstate } from '../../constructs/model/estate';
import { DeclarationError } from '../../constructs/model/problems';
import { scaleEnvironment } from '../../bench/scale-estate';

describe('the synth scale benchmark declaration', () => {
  it('validates for several registries, with the purge task on the network bypass', () => {
    const estate = defineEstate({ environments: [0, 1, 2].map(scaleEnvironment) });
    expect(estate.environments.map((e) => e.registry.name)).toEqual(['benchacr0', 'benchacr1', 'benchacr2']);
    expect(estate.environments.every((e) => e.registry.taskNetworkBypass === true)).toBe(true);
  });

  it('is refused without the bypass, which is why the benchmark sets it', () => {
    const { taskNetworkBypass: _, ...registry } = scaleEnvironment(0).registry;
    expect(() => defineEstate({ environments: [{ ...scaleEnvironment(0), registry }] })).toThrow(
      DeclarationError,
    );
  });
});
