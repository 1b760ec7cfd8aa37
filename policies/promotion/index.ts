/**
 * Cross-environment rules of the promotion model.
 */
import type { EstateRule } from '../rules/types';
import { hardeningNeverDecreases } from './hardening';
import { IDENTITY_RULES } from './identities';
import { UNPROVABLE_RULES } from './unprovable';

export { HARDENING_CONTROLS } from './hardening';
export type { HardeningControl } from './hardening';

/** Every promotion rule, in ID order. */
export const PROMOTION_RULES: readonly EstateRule[] = [
  hardeningNeverDecreases,
  ...IDENTITY_RULES,
  ...UNPROVABLE_RULES,
];
