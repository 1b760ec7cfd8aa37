/**
 * What an adapter noticed besides registries and their attachments: the parts of the input it could
 * not follow (module calls, lists it cannot see whole, attachments whose registry it cannot decide),
 * syntax azurerm v4 removed, and how the environment was decided. Rules turn each into a finding, so
 * nothing the checker could not read turns into silence or a verdict.
 */
import type {
  AttachmentKind,
  Attachments,
  Located,
  Registry,
  Setting,
  SourceLocation,
  Token,
  Unknown,
} from './types';
import { isUnknown } from './types';

/** A list of a registry: its geo-replicas or one kind of attachment. */
export type ListKind = 'replicas' | AttachmentKind;

/** Lists of a registry the input may not show completely, each with the reason. */
export type IncompleteLists = Readonly<Partial<Record<ListKind, Unknown>>>;

/** A `module` call: its resources are not in the input (a plan shows them). */
export interface ModuleCall {
  /** The call, e.g. address `module.acr`. */
  readonly source: SourceLocation;
  readonly name: string;
  /** The module's `source` (`Azure/avm-res-containerregistry-registry/azurerm`, `./modules/acr`). */
  readonly moduleSource: Setting<string>;
  /** True when the source names a container registry module: it creates registries. */
  readonly registryModule: boolean;
  /** Addresses of the input's registries the call is given (by reference, name or ID). */
  readonly registries: readonly string[];
  /** Why a call with a local source was not read as a child module. @default read, or not local */
  readonly notRead?: string;
}

/**
 * A resource of the input that may be a registry: a generic resource (`azapi_resource`) whose type
 * the input does not decide, in a resource group or under a parent the input does not decide.
 */
export interface UntypedResource {
  readonly source: SourceLocation;
  /** Why it may be a registry, naming the resource and what would decide it. */
  readonly reason: Unknown;
}

/** An attribute or block azurerm v4 no longer accepts (it rejects the configuration at plan time). */
export interface RemovedSyntax {
  /** The resource that carries it. */
  readonly source: SourceLocation;
  /** Path in the resource body, e.g. `retention_policy` or `network_rule_set.virtual_network`. */
  readonly path: string;
  /** Major version of azurerm that removed it, e.g. `4.0`. */
  readonly removedIn: string;
  /** What to write instead. */
  readonly replacement: string;
  /** The configuration's azurerm constraints, when they pin it to v3 (where the syntax still works). */
  readonly azurermV3?: string;
}

/** Where an unattached item points. */
export type UnattachedTarget =
  /** The registry cannot be decided from the input; `reason` says why and what would decide it. */
  | { readonly decided: false; readonly reason: Unknown }
  /** Another registry than the input's (by name when known). */
  | { readonly decided: true; readonly name: Setting<string> };

/** An attachment with its kind, and `Extra` (one union member per kind, so `kind` narrows `item`). */
type KindedAttachment<Extra> = {
  [K in AttachmentKind]: { readonly kind: K; readonly item: Attachments[K][number] } & Extra;
}[AttachmentKind];

/** An attachment the input declares that is not attached to one of its registries. */
export type UnattachedItem = KindedAttachment<{ readonly registry: UnattachedTarget }>;

/** An attachment that may be a registry's: its registry is not decided (`reason` says why, naming the item). */
export type UndecidedAttachment = KindedAttachment<{ readonly reason: Unknown }>;

/** How an inventory's environment was decided. */
export interface EnvironmentOrigin {
  readonly from: 'flag' | 'stack-folder' | 'file-name' | 'folder-name' | 'default' | 'pulumi-stack';
  /** What the name came from, as shown in reports: `--env prod`, `stacks/prod/`, `prod.plan.json`. */
  readonly detail: string;
}

/** True when the item exists exactly once (no `count`/`for_each` left undecided). */
export function isCertain(item: Located): boolean {
  return item.presence === undefined;
}

/**
 * Why a list of a registry may hold other items than it shows: the list is incomplete, one of its
 * items may not exist, or an attachment whose registry the input does not decide may be in it.
 * Undefined when the list is exactly what it shows.
 *
 * @param could only undecided attachments for which it is true count (those that could change the
 *   rule's verdict). @default every one
 */
export function listDoubt<K extends ListKind>(
  registry: Registry,
  kind: K,
  could?: (item: ListItem<K>) => boolean,
): Unknown | undefined {
  const gap = registry.incomplete?.[kind];
  if (gap) return gap;
  const list: readonly Located[] = registry[kind];
  // Indexed: rules ask this often, of lists that are almost always short and certain.
  for (let i = 0; i < list.length; i += 1) if (list[i].presence) return list[i].presence;
  return kind === 'replicas' ? undefined : undecidedDoubt(registry, kind as AttachmentKind, could);
}

/** An item of a registry list. */
export type ListItem<K extends ListKind> = Registry[K][number];

/**
 * Why an attachment whose registry the input does not decide may be in the registry's `kind` list
 * (the first for which `could` holds), or undefined.
 */
export function undecidedDoubt<K extends AttachmentKind>(
  registry: Registry,
  kind: K,
  could?: (item: ListItem<K>) => boolean,
): Unknown | undefined {
  for (const u of registry.undecided ?? [])
    if (u.kind === kind && (could === undefined || could(u.item as ListItem<K>))) return u.reason;
  return undefined;
}

/**
 * How many items of a registry's `kind` list there are: `certain` for sure, and at most `most` (the
 * visible ones and the undecided attachments that may be the registry's, one each). `most` is
 * UNKNOWN, with the reason, when the list may be incomplete or an item may stand for many
 * (`count`/`for_each`).
 */
export function listBound(
  registry: Registry,
  kind: AttachmentKind,
): { readonly certain: number; readonly most: Setting<number> } {
  const list: readonly Located[] = registry[kind];
  // Counted in loops: rules ask this of every registry, and the lists are almost always certain.
  let certain = 0;
  for (let i = 0; i < list.length; i += 1) if (isCertain(list[i])) certain += 1;
  const many = listGap(registry, kind) ?? listDoubt(registry, kind, notCertain);
  if (many !== undefined) return { certain, most: many };
  let undecided = 0;
  for (const u of registry.undecided ?? []) if (u.kind === kind) undecided += 1;
  return { certain, most: list.length + undecided };
}

const notCertain = (item: Located): boolean => !isCertain(item);

/** The undecided attachments of one kind that may be the registry's. */
export function undecidedOf<K extends AttachmentKind>(registry: Registry, kind: K): ListItem<K>[] {
  return (registry.undecided ?? []).filter((u) => u.kind === kind).map((u) => u.item as ListItem<K>);
}

/** Why a list may hold more items than it shows (incomplete); undefined when nothing is missing. */
export function listGap(registry: Registry, kind: ListKind): Unknown | undefined {
  return registry.incomplete?.[kind];
}

/** The unattached items of one kind. */
export function unattachedOf<K extends AttachmentKind>(
  items: readonly UnattachedItem[],
  kind: K,
): Extract<UnattachedItem, { kind: K }>[] {
  return items.filter((u): u is Extract<UnattachedItem, { kind: K }> => u.kind === kind);
}

/** A label for where an unattached item points, for messages: `registry contosoacr` or `an undecided registry`. */
export function unattachedTargetLabel(target: UnattachedTarget): string {
  if (!target.decided) return 'a registry the input does not decide';
  return typeof target.name === 'string' ? `registry ${target.name}` : 'another registry';
}

/** True for a token the input declares; false for a password-only item (see `Token.passwordOnly`). */
export function isDeclaredToken(token: Token): boolean {
  return token.passwordOnly === undefined;
}

/**
 * The passwords of a token the input declares on a registry outside it, as a password-only item: the
 * token is that registry's to judge (its scope map, push rights, count), but its passwords are this
 * input's secrets, so the password rule (ACR-022) judges them. Undefined when it has none here.
 */
export function passwordsOfOutsideToken(token: Token): Token | undefined {
  if (token.passwords.length === 0 || !isDeclaredToken(token)) return undefined;
  const label = isUnknown(token.name) ? token.source.address : token.name;
  return { ...token, passwordOnly: { label } };
}

function isPasswordOnly(u: UndecidedAttachment): boolean {
  return u.kind === 'tokens' && !isDeclaredToken(u.item);
}

/**
 * The registry as the rules about tokens themselves (their scope map, push rights, number) see it:
 * without password-only items, listed or undecided. Those stand for tokens the input does not
 * declare, judged where they are declared; only the password rule (ACR-022) judges them here. The
 * registry itself when it has none (the usual case: no copy).
 */
export function withDeclaredTokens(registry: Registry): Registry {
  const listed = !registry.tokens.every(isDeclaredToken);
  const undecided = registry.undecided?.some(isPasswordOnly) === true;
  if (!listed && !undecided) return registry;
  return {
    ...registry,
    tokens: listed ? registry.tokens.filter(isDeclaredToken) : registry.tokens,
    ...(registry.undecided && undecided
      ? { undecided: registry.undecided.filter((u) => !isPasswordOnly(u)) }
      : {}),
  };
}
