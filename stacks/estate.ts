/**
 * The validated estate: `ESTATE` from environments.ts with defaults applied. Every entry point (cdktf
 * app, Pulumi program, CLI) loads the estate through here, so an invalid declaration fails the same way.
 */
import { defineEstate } from '../constructs/model/estate';
import type { ResolvedEstate } from '../constructs/model/resolve';
import { ESTATE } from './environments';

/** Validates and resolves the estate declared in environments.ts. */
export function loadEstate(): ResolvedEstate {
  return defineEstate(ESTATE);
}
