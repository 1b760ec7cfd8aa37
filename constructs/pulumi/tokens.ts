/**
 * Repository-scoped tokens: a scope map, the token and, when the declaration sets a password lifetime, a
 * password that expires and rotates: the twin of the cdktf `time_rotating` + token password.
 *
 * ARM issues a token password only through the registry's `generateCredentials` action, never through
 * the token's own PUT, and returns its value once, in that action's result (the ACR team in
 * Azure/azure-rest-api-specs#11412; pulumi/pulumi-azure-native#3099 asks for the missing resource).
 * azure-native has no resource for the action, so the password is the classic provider's
 * `TokenPassword` (`@pulumi/azure`, azurerm's `azurerm_container_registry_token_password`): it creates
 * with `generateCredentials` and removes with a PATCH of the token, so neither a rotation nor a destroy
 * deletes anything under the registry's CanNotDelete lock (a lock on a resource also locks its child
 * resources: Learn, lock-resources). A rotating time resource (`@pulumiverse/time`) gives the expiry;
 * a new expiry replaces the password, the old one first: removing a password clears every password of
 * the token, so creating the new one first would clear it too.
 */
import * as pulumi from '@pulumi/pulumi';
import { ScopeMap } from '@pulumi/azure-native/containerregistry/scopeMap';
import { Token } from '@pulumi/azure-native/containerregistry/token';
import { TokenPassword } from '@pulumi/azure/containerservice/tokenPassword';
import { Rotating } from '@pulumiverse/time/rotating';
import type { ResolvedToken } from '../model/resolve';
import type { IRegistry } from './access';
import { childOf } from './access';

export { passwordExpiry } from '../model/token-expiry';

/** Arguments of RegistryToken. */
export interface RegistryTokenArgs {
  readonly registry: IRegistry;
  readonly token: ResolvedToken;
  /**
   * Issue date (`YYYY-MM-DD`) the first rotation period counts from (the `rfc3339` base of the rotating
   * resource). @default undefined: the time the password is created
   */
  readonly issuedOn?: string | undefined;
  /**
   * The classic `azure` provider that manages the password. @default the default classic provider
   * (stack config `azure:*`, `ARM_*` environment; azurerm 4 needs a subscription ID from one of them)
   */
  readonly passwordProvider?: pulumi.ProviderResource | undefined;
}

/** A token and its scope map (type `acr-iac:index:RegistryToken`). */
export class RegistryToken extends pulumi.ComponentResource {
  /** The token resource. */
  readonly resource: Token;
  /** The scope map resource. */
  readonly scopeMap: ScopeMap;
  /** The rotating time resource behind the password expiry, when the password expires. */
  readonly rotation?: Rotating | undefined;
  /** The token password resource (classic provider), when the password expires. */
  readonly passwordResource?: TokenPassword | undefined;
  /** The password (a secret), once Azure has issued it. */
  readonly password?: pulumi.Output<string> | undefined;

  constructor(name: string, args: RegistryTokenArgs, opts?: pulumi.ComponentResourceOptions) {
    super('acr-iac:index:RegistryToken', name, {}, opts);
    const { registry, token } = args;
    this.scopeMap = new ScopeMap(
      `${name}-scope-map`,
      {
        scopeMapName: token.scopeMapName,
        registryName: registry.registryName,
        resourceGroupName: registry.resourceGroupName,
        actions: [...token.actions],
      },
      childOf(this, registry),
    );
    const days = token.passwordLifetimeDays;
    this.rotation =
      days === undefined
        ? undefined
        : new Rotating(
            `${name}-rotation`,
            {
              rotationDays: days,
              ...(args.issuedOn !== undefined && { rfc3339: `${args.issuedOn}T00:00:00Z` }),
            },
            { parent: this },
          );
    this.resource = new Token(
      `${name}-token`,
      {
        tokenName: token.name,
        registryName: registry.registryName,
        resourceGroupName: registry.resourceGroupName,
        scopeMapId: this.scopeMap.id,
        status: token.enabled ? 'enabled' : 'disabled',
      },
      childOf(this, registry),
    );
    if (this.rotation) {
      this.passwordResource = new TokenPassword(
        `${name}-password`,
        {
          containerRegistryTokenId: this.resource.id,
          password1: { expiry: this.rotation.rotationRfc3339 },
        },
        {
          parent: this,
          deleteBeforeReplace: true,
          ...(args.passwordProvider && { provider: args.passwordProvider }),
        },
      );
      this.password = pulumi.secret(this.passwordResource.password1.value);
    }
    this.registerOutputs({ tokenId: this.resource.id, ...(this.password && { password: this.password }) });
  }
}
