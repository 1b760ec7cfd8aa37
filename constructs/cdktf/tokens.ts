/**
 * Repository-scoped tokens: a scope map, the token, and a password that expires and rotates. The
 * password value only ever appears in a sensitive output.
 */
import { Construct } from 'constructs';
import { TerraformOutput } from 'cdktf';
import { ContainerRegistryScopeMap } from '@cdktf/provider-azurerm/lib/container-registry-scope-map';
import { ContainerRegistryToken } from '@cdktf/provider-azurerm/lib/container-registry-token';
import { ContainerRegistryTokenPassword } from '@cdktf/provider-azurerm/lib/container-registry-token-password';
import { Rotating } from '@cdktf/provider-time/lib/rotating';
import type { ResolvedToken } from '../model/resolve';
import type { IRegistry } from './registry-base';
import { ensureTimeProvider } from './providers';

/** Properties of RegistryToken. */
export interface RegistryTokenProps {
  readonly registry: IRegistry;
  readonly token: ResolvedToken;
}

/** A token, its scope map and (when it expires) a rotating password. */
export class RegistryToken extends Construct {
  /** The token resource. */
  readonly resource: ContainerRegistryToken;

  constructor(scope: Construct, id: string, props: RegistryTokenProps) {
    super(scope, id);
    const { registry, token } = props;
    const scopeMap = new ContainerRegistryScopeMap(this, 'scope-map', {
      name: token.scopeMapName,
      containerRegistryName: registry.registryNameReference,
      resourceGroupName: registry.resourceGroupName,
      actions: [...token.actions],
    });
    this.resource = new ContainerRegistryToken(this, 'token', {
      name: token.name,
      containerRegistryName: registry.registryNameReference,
      resourceGroupName: registry.resourceGroupName,
      scopeMapId: scopeMap.id,
      enabled: token.enabled,
    });
    if (token.passwordLifetimeDays === undefined) return;
    ensureTimeProvider(this);
    const rotation = new Rotating(this, 'rotation', { rotationDays: token.passwordLifetimeDays });
    const password = new ContainerRegistryTokenPassword(this, 'password', {
      containerRegistryTokenId: this.resource.id,
      password1: { expiry: rotation.rotationRfc3339 },
    });
    new TerraformOutput(this, 'password-value', {
      value: password.password1.value,
      sensitive: true,
      description: `Password of token ${token.name} (expires ${token.passwordLifetimeDays} days after creation, then rotates)`,
    });
  }
}
