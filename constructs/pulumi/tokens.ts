/**
 * Repository-scoped tokens: a scope map and the token. A token whose declaration sets a password
 * lifetime gets a `password1` entry with a deterministic expiry: the configured issue date plus the
 * lifetime. The password value itself is never generated here (so never stored in state): generate it
 * with `az acr token credential generate`, which keeps the expiry.
 */
import * as pulumi from '@pulumi/pulumi';
import { ScopeMap } from '@pulumi/azure-native/containerregistry/scopeMap';
import { Token } from '@pulumi/azure-native/containerregistry/token';
import type { ResolvedToken } from '../model/resolve';
import type { IRegistry } from './access';
import { childOf } from './access';

/** Arguments of RegistryToken. */
export interface RegistryTokenArgs {
  readonly registry: IRegistry;
  readonly token: ResolvedToken;
  /** Issue date (`YYYY-MM-DD`) the password expiry counts from. Required with `passwordLifetimeDays`. */
  readonly issuedOn?: string | undefined;
}

const DAY_MS = 86_400_000;

/** The expiry (RFC 3339, UTC midnight) of a password issued on `issuedOn` that lives `days` days. */
export function passwordExpiry(issuedOn: string, days: number): string {
  const start = Date.parse(`${issuedOn}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(issuedOn) || Number.isNaN(start)) {
    throw new Error(`token password issue date "${issuedOn}" is not a date: use YYYY-MM-DD`);
  }
  return new Date(start + days * DAY_MS).toISOString().replace('.000Z', 'Z');
}

/** A token and its scope map (type `acr-iac:index:RegistryToken`). */
export class RegistryToken extends pulumi.ComponentResource {
  /** The token resource. */
  readonly resource: Token;
  /** The scope map resource. */
  readonly scopeMap: ScopeMap;

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
    this.resource = new Token(
      `${name}-token`,
      {
        tokenName: token.name,
        registryName: registry.registryName,
        resourceGroupName: registry.resourceGroupName,
        scopeMapId: this.scopeMap.id,
        status: token.enabled ? 'enabled' : 'disabled',
        credentials: credentials(token, args.issuedOn),
      },
      childOf(this, registry),
    );
    this.registerOutputs({ tokenId: this.resource.id });
  }
}

function credentials(
  token: ResolvedToken,
  issuedOn: string | undefined,
): { passwords: { name: 'password1'; expiry: string }[] } | undefined {
  if (token.passwordLifetimeDays === undefined) return undefined;
  if (issuedOn === undefined) {
    throw new Error(
      `token ${token.name} has a password lifetime: set the stack config "acr-iac:tokenPasswordsIssuedOn" (YYYY-MM-DD) so its expiry is deterministic`,
    );
  }
  return { passwords: [{ name: 'password1', expiry: passwordExpiry(issuedOn, token.passwordLifetimeDays) }] };
}
