/**
 * Token password expiry against the calendar. Source: ../shared/FACTS.md section 10 (a password whose
 * expiry lies in the past on the day of deployment is unusable). The clock is a parameter: callers at
 * the edge pass today, tests pass a fixed date, and nothing the clock says reaches synthesized output.
 */
import type { Problem } from './problems';
import type { ResolvedRegistry } from './resolve';

const DAY_MS = 86_400_000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The expiry (RFC 3339, UTC midnight) of a password issued on `issuedOn` (YYYY-MM-DD) that lives `days` days. */
export function passwordExpiry(issuedOn: string, days: number): string {
  const start = Date.parse(`${issuedOn}T00:00:00Z`);
  if (!DATE.test(issuedOn) || Number.isNaN(start)) {
    throw new Error(`token password issue date "${issuedOn}" is not a date: use YYYY-MM-DD`);
  }
  return new Date(start + days * DAY_MS).toISOString().replace('.000Z', 'Z');
}

/**
 * Problems for every token whose first password, issued on `issuedOn`, has already expired on `today`.
 * @param at path prefix of the registry in messages, e.g. `prod.registry`
 * @param setting where the issue date is configured, for the message (e.g. the Pulumi config key)
 */
export function expiredTokenPasswords(
  registry: ResolvedRegistry,
  issuedOn: string,
  today: Date,
  at: string,
  setting: string,
): Problem[] {
  const problems: Problem[] = [];
  registry.tokens.forEach((token, i) => {
    if (token.passwordLifetimeDays === undefined) return;
    const expiry = passwordExpiry(issuedOn, token.passwordLifetimeDays);
    if (Date.parse(expiry) > today.getTime()) return;
    problems.push({
      path: `${at}.tokens[${i}].passwordLifetimeDays`,
      message: `the password of token ${token.name} expired on ${expiry.slice(0, 10)} (${setting} ${issuedOn} plus ${token.passwordLifetimeDays} days), before today ${today.toISOString().slice(0, 10)}`,
      fix: `set ${setting} to today or later, or remove it so the rotation starts when the password is created`,
    });
  });
  return problems;
}
