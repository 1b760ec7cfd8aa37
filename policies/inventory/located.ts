/**
 * Where an inventory item comes from, and whether it exists: the two things every item has. Its own
 * module so that the item modules (access-items.ts, image-supply.ts) and types.ts share it without a
 * cycle; re-exported by types.ts.
 */
import type { Unknown } from './unknown';

/** Where an item comes from, for reports (SARIF locations, PR comments). */
export interface SourceLocation {
  /** File the item is declared in, relative (never an absolute machine path), e.g. `cdktf.out/stacks/prod/cdk.tf.json`. */
  readonly file: string;
  /** Engine address: a Terraform address (`azurerm_container_registry.registry`) or a Pulumi URN. */
  readonly address: string;
  /** Construct path (cdktf `"//".metadata.path`, or the Pulumi parent chain), when known. */
  readonly constructPath?: string | undefined;
}

/** Something that has a source location. */
export interface Located {
  readonly source: SourceLocation;
  /**
   * UNKNOWN (with the reason) when `count`, `for_each` or a `dynamic` block decides whether, and how
   * often, the item exists; absent when it exists exactly once.
   */
  readonly presence?: Unknown;
}
