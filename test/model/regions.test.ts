/**
 * The region list of the model is the ARM locations API answer vendored under
 * test/fixtures/vendor/azure-regions (physical regions, without early-access and staging regions).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AZURE_REGIONS, isAzureRegion, regionFromDisplayName } from '../../constructs/model/regions';

interface Location {
  readonly name: string;
  readonly displayName: string;
  readonly metadata: { readonly regionType: string };
}

const vendored = (
  JSON.parse(readFileSync(join(__dirname, '../fixtures/vendor/azure-regions/locations.tf.json'), 'utf8')) as {
    locals: { locations_cached: { value: Location[] } };
  }
).locals.locations_cached.value;

describe('Azure regions', () => {
  it('are exactly the physical regions of the ARM locations list, without euap and stg regions', () => {
    const expected = vendored
      .filter((l) => l.metadata.regionType === 'Physical' && !/(euap|stg)$/.test(l.name))
      .map((l) => [l.name, l.displayName]);
    expect(AZURE_REGIONS).toEqual(expected);
    expect(AZURE_REGIONS.length).toBeGreaterThan(50);
  });

  it('leave out logical geographies and canary regions', () => {
    for (const name of ['europe', 'global', 'eastus2euap', 'eastusstg', 'unitedstates'])
      expect(isAzureRegion(name)).toBe(false);
    for (const name of ['westeurope', 'swedencentral', 'newzealandnorth'])
      expect(isAzureRegion(name)).toBe(true);
  });

  it('map display names and other spellings to the ARM name', () => {
    expect(regionFromDisplayName('West Europe')).toBe('westeurope');
    expect(regionFromDisplayName('Germany West Central')).toBe('germanywestcentral');
    expect(regionFromDisplayName('west_us_2')).toBe('westus2');
    expect(regionFromDisplayName('Atlantis')).toBeUndefined();
  });
});
