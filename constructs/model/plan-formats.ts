/**
 * Markers of the plan formats the toolkit reads. Source: ../shared/FACTS.md section 8 (`pulumi preview
 * --json` output; the Pulumi SDK's `UnknownStringValue`).
 */

/** How `pulumi preview --json` (and a secret config value nobody can decrypt here) shows a secret. */
export const PULUMI_SECRET_MARKER = '[secret]';

/** How `pulumi preview --json` shows a value that is unknown until the update runs. */
export const PULUMI_UNKNOWN_SENTINEL = '04da6b54-80e4-46f7-96ec-b56ff0331ba9';
