/**
 * A small typed binding of the Microsoft-maintained `Azure/azapi` Terraform provider: the provider and
 * `azapi_update_resource` (there are no prebuilt cdktf bindings for azapi on the registry here).
 * Arguments follow the provider's documentation (`docs/resources/update_resource.md`, azapi 2.x): `type`
 * (`<resource type>@<api version>`), `resource_id`, `body` (a dynamic object, not a JSON string, since
 * azapi 2.0). Deleting the resource leaves the properties as they are (azapi: "no operation will be
 * performed"), and each plan compares the body with what Azure returns, so drift is re-applied.
 */
import type { Construct } from 'constructs';
import { TerraformProvider, TerraformResource, TerraformStack } from 'cdktf';
import type { ITerraformDependable } from 'cdktf';
import { AZAPI_PROVIDER } from '../model/arm-properties';

const METADATA = {
  providerName: 'azapi',
  providerVersion: AZAPI_PROVIDER.version,
  providerVersionConstraint: AZAPI_PROVIDER.version,
} as const;

/** The azapi provider (authenticates like azurerm: environment, Azure CLI or managed identity). */
export class AzapiProvider extends TerraformProvider {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      terraformResourceType: 'azapi',
      terraformGeneratorMetadata: METADATA,
      terraformProviderSource: AZAPI_PROVIDER.source,
    });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {};
  }
}

/** Adds the azapi provider to the stack of `scope` once. */
export function ensureAzapiProvider(scope: Construct): void {
  const stack = TerraformStack.of(scope);
  if (!stack.node.tryFindChild('azapi')) new AzapiProvider(stack, 'azapi');
}

/** Arguments of AzapiUpdateResource. */
export interface AzapiUpdateResourceConfig {
  /** `<resource type>@<api version>`, e.g. `Microsoft.ContainerRegistry/registries@2025-11-01`. */
  readonly type: string;
  /** ID of the existing resource to update. */
  readonly resourceId: string;
  /** The request body: only the properties to set (merged into the resource by a PATCH). */
  readonly body: Readonly<Record<string, unknown>>;
  /** Resources to wait for. @default [] */
  readonly dependsOn?: ITerraformDependable[] | undefined;
}

/** `azapi_update_resource`: sets properties of a resource another provider manages. */
export class AzapiUpdateResource extends TerraformResource {
  private readonly config: AzapiUpdateResourceConfig;

  constructor(scope: Construct, id: string, config: AzapiUpdateResourceConfig) {
    ensureAzapiProvider(scope);
    super(scope, id, {
      terraformResourceType: 'azapi_update_resource',
      terraformGeneratorMetadata: METADATA,
      ...(config.dependsOn && { dependsOn: config.dependsOn }),
    });
    this.config = config;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { type: this.config.type, resource_id: this.config.resourceId, body: this.config.body };
  }
}
