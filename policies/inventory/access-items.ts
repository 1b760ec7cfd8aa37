/**
 * Who may do what in a registry: role assignments (their role and principal), repository-scoped
 * tokens, their passwords and scope maps. Part of the inventory, re-exported by types.ts.
 */
import type { RoleAbilities, RoleAssignmentMode } from '../../constructs/model/role-directory';
import type { Located } from './located';
import type { Setting } from './unknown';
import { isUnknown } from './unknown';

/** What a role assignment grants. */
export interface RoleRef {
  /** Built-in role name (`AcrPush`), custom role name, or UNKNOWN. */
  readonly name: Setting<string>;
  /** Role definition ID when given. */
  readonly definitionId?: Setting<string> | undefined;
  /** ARM actions of a custom role (empty for built-ins). */
  readonly actions: readonly string[];
  /** What the role lets its principal do; UNKNOWN when the role cannot be resolved. */
  readonly abilities: Setting<RoleAbilities>;
  /** GUID of the built-in role of the directory the role was identified as (by name or ID). */
  readonly builtInId?: string;
  /** What the role lets its principal do in each permission mode, when the role is known. */
  readonly modeAbilities?: Readonly<Record<RoleAssignmentMode, RoleAbilities>>;
}

/** Who a role assignment is for. */
export interface PrincipalRef {
  /** Object ID (UNKNOWN when it comes from an identity created in the same apply). */
  readonly id: Setting<string>;
  /** `ServicePrincipal`, `User`, `Group`, ... when set. */
  readonly type?: Setting<string>;
  /** Name of the user-assigned identity the principal is, when the input creates or names it. */
  readonly identityName?: string;
}

/** What an assignment is scoped to; a scope above the registry covers every registry below it. */
export type ScopeKind = 'registry' | 'resourceGroup' | 'subscription' | 'managementGroup' | 'root';

/** A role assignment on a registry. */
export interface RoleAssignment extends Located {
  /**
   * Name of the registry the assignment is scoped to; UNKNOWN if unresolvable, or for an assignment
   * above registries outside the input (then `scopeKind` says where it is).
   */
  readonly registryName: Setting<string>;
  readonly role: RoleRef;
  readonly principal: PrincipalRef;
  readonly description?: string;
  /** The kind of scope the assignment is made at; absent when the scope cannot be resolved. */
  readonly scopeKind?: ScopeKind;
  /** The resource group of a resource-group scope. */
  readonly scopeResourceGroup?: Setting<string>;
  /** The ABAC condition, when the assignment has one. */
  readonly condition?: Setting<string>;
}

/** A password of a repository-scoped token. */
export interface TokenPassword extends Located {
  /** Which of the token's two password slots it is, when the input says. @default not said */
  readonly slot?: 'password1' | 'password2';
  /** True when the password has an expiry (a timestamp, or a reference computed at apply such as `time_rotating`). */
  readonly expires: Setting<boolean>;
  /** The expiry timestamp when it is a literal. */
  readonly expiry?: string;
}

/** A repository-scoped token with the actions of its scope map. */
export interface Token extends Located {
  readonly name: Setting<string>;
  readonly enabled: Setting<boolean>;
  readonly scopeMapName: Setting<string>;
  /** Scope-map actions (`repositories/<repo>/content/read`, ...), UNKNOWN when the scope map is not resolvable. */
  readonly actions: Setting<readonly string[]>;
  /** Passwords managed by the input (empty: none managed here). */
  readonly passwords: readonly TokenPassword[];
  /**
   * Set when the item is not a token the input declares but the passwords of one it does not (a
   * token password whose token ID is a variable, a data source, a module output, or the ID of a token
   * in another state), with `label`, what that ID names for messages (the token's name, a reference,
   * or the password's address). Only `passwords` is known: `name` is the token's name when the ID
   * gives it, its state and scope map are UNKNOWN. Rules about a token's scope, push rights or count
   * skip such an item (`isDeclaredToken`): the token is judged where it is declared. Its `source` is
   * the password resource. @default a token the input declares
   */
  readonly passwordOnly?: { readonly label: string };
}

/** A scope map. */
export interface ScopeMap extends Located {
  readonly name: Setting<string>;
  readonly actions: Setting<readonly string[]>;
}

/** A stable key for a principal: the identity name when known (works across stacks), else its object ID. */
export function principalKey(principal: PrincipalRef): string {
  if (principal.identityName) return `identity:${principal.identityName}`;
  return isUnknown(principal.id) ? 'unknown' : principal.id.toLowerCase();
}

/** A human label for a principal. */
export function principalLabel(principal: PrincipalRef): string {
  if (principal.identityName) return principal.identityName;
  return isUnknown(principal.id) ? '(unknown principal)' : principal.id;
}
