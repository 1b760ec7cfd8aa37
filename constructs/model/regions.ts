/**
 * Azure public-cloud regions a registry, a replica or a private endpoint can live in, as ARM spells them
 * (`westeurope`), with their display names (`West Europe`).
 *
 * Source: the Azure Resource Manager locations API (`GET /subscriptions/{id}/locations`,
 * api-version 2023-07-01) as cached by Microsoft's Azure Verified Modules utility module
 * Azure/terraform-azurerm-avm-utl-regions (modules/cached-data/locations.tf.json, commit e9d62409,
 * 2026-03-12), vendored under test/fixtures/vendor/azure-regions/. Only physical regions (`regionType`
 * "Physical"); the early-access (`*euap`) and staging (`*stg`) regions, which ordinary subscriptions
 * cannot deploy to, and the logical geographies (`europe`, `global`) are left out. New regions are
 * added by refreshing the vendored file; the test in test/model/regions.test.ts keeps both in step.
 */

/** `[ARM name, display name]` of every public-cloud region, sorted by name. */
export const AZURE_REGIONS: readonly (readonly [name: string, displayName: string])[] = [
  ['australiacentral', 'Australia Central'],
  ['australiacentral2', 'Australia Central 2'],
  ['australiaeast', 'Australia East'],
  ['australiasoutheast', 'Australia Southeast'],
  ['austriaeast', 'Austria East'],
  ['belgiumcentral', 'Belgium Central'],
  ['brazilsouth', 'Brazil South'],
  ['brazilsoutheast', 'Brazil Southeast'],
  ['canadacentral', 'Canada Central'],
  ['canadaeast', 'Canada East'],
  ['centralindia', 'Central India'],
  ['centralus', 'Central US'],
  ['chilecentral', 'Chile Central'],
  ['denmarkeast', 'Denmark East'],
  ['eastasia', 'East Asia'],
  ['eastus', 'East US'],
  ['eastus2', 'East US 2'],
  ['francecentral', 'France Central'],
  ['francesouth', 'France South'],
  ['germanynorth', 'Germany North'],
  ['germanywestcentral', 'Germany West Central'],
  ['indonesiacentral', 'Indonesia Central'],
  ['israelcentral', 'Israel Central'],
  ['italynorth', 'Italy North'],
  ['japaneast', 'Japan East'],
  ['japanwest', 'Japan West'],
  ['jioindiacentral', 'Jio India Central'],
  ['jioindiawest', 'Jio India West'],
  ['koreacentral', 'Korea Central'],
  ['koreasouth', 'Korea South'],
  ['malaysiawest', 'Malaysia West'],
  ['mexicocentral', 'Mexico Central'],
  ['newzealandnorth', 'New Zealand North'],
  ['northcentralus', 'North Central US'],
  ['northeurope', 'North Europe'],
  ['norwayeast', 'Norway East'],
  ['norwaywest', 'Norway West'],
  ['polandcentral', 'Poland Central'],
  ['qatarcentral', 'Qatar Central'],
  ['southafricanorth', 'South Africa North'],
  ['southafricawest', 'South Africa West'],
  ['southcentralus', 'South Central US'],
  ['southeastasia', 'Southeast Asia'],
  ['southindia', 'South India'],
  ['spaincentral', 'Spain Central'],
  ['swedencentral', 'Sweden Central'],
  ['switzerlandnorth', 'Switzerland North'],
  ['switzerlandwest', 'Switzerland West'],
  ['uaecentral', 'UAE Central'],
  ['uaenorth', 'UAE North'],
  ['uksouth', 'UK South'],
  ['ukwest', 'UK West'],
  ['westcentralus', 'West Central US'],
  ['westeurope', 'West Europe'],
  ['westindia', 'West India'],
  ['westus', 'West US'],
  ['westus2', 'West US 2'],
  ['westus3', 'West US 3'],
];

const REGION_NAMES: ReadonlySet<string> = new Set(AZURE_REGIONS.map(([name]) => name));

/** True when `value` is the ARM name of an Azure public-cloud region, e.g. `westeurope`. */
export function isAzureRegion(value: string): boolean {
  return REGION_NAMES.has(value);
}

/** The ARM name a display name (`West Europe`) or a differently written name (`WestEurope`) stands for. */
export function regionFromDisplayName(value: string): string | undefined {
  const squeezed = value.toLowerCase().replace(/[\s_-]+/g, '');
  return REGION_NAMES.has(squeezed) ? squeezed : undefined;
}

/**
 * A location as Azure compares locations: in any case, spaces ignored (`West Europe` is
 * `westeurope`). azurerm normalizes every `location` so before it sends it (go-azure-helpers
 * `resourcemanager/location.Normalize`: lower case, spaces removed), and ARM accepts a region's
 * display name for its name.
 */
export function locationKey(value: string): string {
  return value.toLowerCase().replace(/\s/g, '');
}

/** True when two locations are the same one (see `locationKey`). */
export function sameLocation(a: string, b: string): boolean {
  return a === b || locationKey(a) === locationKey(b);
}
