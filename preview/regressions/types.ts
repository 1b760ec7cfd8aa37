/** The shape of a protection regression, shared by the families and their callers. */

/** How much a regression weakens the estate, most severe first. */
export const REGRESSION_SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;

/** A regression severity. */
export type RegressionSeverity = (typeof REGRESSION_SEVERITIES)[number];

/** Categories of regression (danger kinds of `danger.ts`). */
export type RegressionKind =
  'exposure-increased' | 'promotion-weakened' | 'quarantine-weakened' | 'retention-weakened';

/** One regression of one resource. */
export interface Regression {
  readonly kind: RegressionKind;
  readonly severity: RegressionSeverity;
  /** What changed, in plain words (no Markdown). */
  readonly message: string;
  /** The old and the new value, as text; absent when the resource did not exist or no longer does. */
  readonly before?: string;
  readonly after?: string;
  /** Why it matters. */
  readonly why: string;
}

/** Options of `findRegressions`. */
export interface RegressionOptions {
  /**
   * Environments in promotion order: every one after the first is a promotion target, into which only
   * promotion may bring images. Without it, push grants are not judged. @default undefined
   */
  readonly order?: readonly string[];
}
