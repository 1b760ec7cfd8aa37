/**
 * One spelling for each azure-native resource type. A program may register a resource under a
 * token of an API-versioned module (`azure-native:containerregistry/v20230701:Registry`: azure-native
 * 2.x's versioned modules, 3.x's local version packages) or under an older module's name
 * (`azure-native:insights:DiagnosticSetting`, azure-native 1.x and 2.x); a preview then names it so.
 * They are the same Azure resource: `@pulumi/azure-native` 3.28 declares every such token as an alias
 * of the default one (the `aliases` option each resource class passes, e.g.
 * `containerregistry/registry.js`, `monitor/diagnosticSetting.js`, `privatedns/privateZone.js`).
 * test/model/pulumi-types.test.ts reads those declarations and checks every alias of the types
 * the toolkit reads maps to its default token here.
 */

/** Tokens of renamed types (module or type name), without the API version, to today's token. */
const RENAMED: Readonly<Record<string, string>> = {
  'azure-native:insights:DiagnosticSetting': 'azure-native:monitor:DiagnosticSetting',
  'azure-native:network:InterfaceEndpoint': 'azure-native:network:PrivateEndpoint',
  'azure-native:network:PrivateZone': 'azure-native:privatedns:PrivateZone',
  'azure-native:network:VirtualNetworkLink': 'azure-native:privatedns:VirtualNetworkLink',
  'azure-native:network:PrivateRecordSet': 'azure-native:privatedns:PrivateRecordSet',
};

/** The API-version segment of a module (`/v20230701`, `/v20250601preview`). */
const API_VERSION = /^(azure-native:[A-Za-z0-9]+)\/v[0-9]{8}[A-Za-z0-9]*(:[A-Za-z0-9]+)$/;

/**
 * The default token of an azure-native type token (`azure-native:containerregistry:Registry` for
 * `azure-native:containerregistry/v20230701:Registry`); any other token as it is.
 */
export function canonicalPulumiType(type: string): string {
  if (!type.startsWith('azure-native:')) return type;
  const versioned = API_VERSION.exec(type);
  const unversioned = versioned ? versioned[1] + versioned[2] : type;
  return RENAMED[unversioned] ?? unversioned;
}
