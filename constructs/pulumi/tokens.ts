/**
 * Repository-scoped tokens: a scope map, the token and, when the declaration sets a password lifetime, a
 * password that expires and rotates: the twin of the cdktf `time_rotating` + token password. A rotating
 * time resource (`@pulumiverse/time`, the Pulumi port of hashicorp/time) gives the expiry; when it
 * rotates, the expiry changes and the token is replaced, so Azure issues a fresh password (ARM returns
 * the value once, at creation: it is exported as a secret, never logged).
 */
import * as pulumi from '@pulumi/pulumi';
import { ScopeMap } from '@pulumi/azure-native/containerregistry/scopeMap';
import { Token } from '@pulumi/azure-native/containerregistry/token';
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
}

/** A token and its scope map (type `acr-iac:index:RegistryToken`). */
export class RegistryToken extends pulumi.ComponentResource {
  /** The token resource. */
  readonly resource: Token;
  /** The scope map resource. */
  readonly scopeMap: ScopeMap;
  /** The rotating time resource behind the password expiry, when the password expires. */
  readonly rotation?: Rotating | undefined;
  /** The password (a secret), once Azure has issued it. */
  readonly password?: pulumi.Output<string | undefined> | undefined;

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
        credentials: this.rotation && {
          passwords: [{ name: 'password1', expiry: this.rotation.rotationRfc3339 }],
        },
      },
      {
        ...childOf(this, registry),
        // A new expiry means a new token, so Azure issues a new password (as the cdktf token password is
        // replaced when its time_rotating expiry moves). Same name: the old one goes first.
        ...(this.rotation && {
          replaceOnChanges: ['credentials.passwords[*].expiry'],
          deleteBeforeReplace: true,
        }),
      },
    );
    this.password =
      this.rotation && pulumi.secret(this.resource.credentials.apply((c) => c?.passwords?.[0]?.value));
    this.registerOutputs({ tokenId: this.resource.id, ...(this.password && { password: this.password }) });
  }
}
