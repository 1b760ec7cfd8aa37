/**
 * How short retention may be before it stops protecting anything. Microsoft Learn "Set a retention
 * policy for untagged manifests": deleted image data is unrecoverable, systems that pull by manifest
 * digest lose their images, and a policy enabled without a period keeps untagged manifests 7 days (the
 * service default, also the model's default for Premium in `resolve.ts`). A shorter period leaves no
 * rollback window for a release whose tag moved, so policy holds 7 days as the least acceptable.
 */

/** The least number of days untagged manifests should be kept when retention is on. */
export const MIN_RETENTION_DAYS = 7;

/** The service's retention period when a policy is enabled without one (days). */
export const DEFAULT_RETENTION_DAYS = 7;
