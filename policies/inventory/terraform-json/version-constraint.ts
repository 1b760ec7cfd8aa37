/**
 * Terraform's version constraints (`version = "~> 0.4"`, `">= 1.2, < 2.0"`), to tell whether an
 * installed module's version is one its call accepts, as Terraform checks before it plans.
 * Source: Terraform "Version Constraints" (operators `=`, `!=`, `>`, `>=`, `<`, `<=`, `~>`; comma-
 * separated conditions all hold; no operator means `=`; `~>` allows only the rightmost component
 * given to increment; a prerelease version matches only a constraint naming it exactly).
 */

/** A version as numbers (missing components are 0) and its prerelease label. */
interface Version {
  readonly parts: readonly number[];
  readonly prerelease: string;
  /** How many components were written (for `~>`). */
  readonly given: number;
}

const VERSION = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

function parseVersion(text: string): Version | undefined {
  const match = VERSION.exec(text.trim());
  if (!match) return undefined;
  const written = [match[1], match[2], match[3]].filter((p) => p !== undefined);
  return {
    parts: [0, 1, 2].map((i) => Number(written[i] ?? 0)),
    prerelease: match[4] ?? '',
    given: written.length,
  };
}

function compare(a: Version, b: Version): number {
  for (let i = 0; i < 3; i += 1) if (a.parts[i] !== b.parts[i]) return a.parts[i] - b.parts[i];
  if (a.prerelease === b.prerelease) return 0;
  if (a.prerelease === '') return 1;
  if (b.prerelease === '') return -1;
  return a.prerelease < b.prerelease ? -1 : 1;
}

/** `~> b`: at least `b`, below the next value of the component before its last one written. */
function pessimistic(v: Version, b: Version): boolean {
  if (compare(v, b) < 0) return false;
  const fixed = Math.max(1, b.given - 1);
  for (let i = 0; i < fixed; i += 1) if (v.parts[i] !== b.parts[i]) return false;
  return true;
}

/** Whether a comparison's result (`compare(version, bound)`) satisfies each ordering operator. */
const ORDER_HOLDS: Readonly<Record<string, (order: number) => boolean>> = {
  '=': (order) => order === 0,
  '!=': (order) => order !== 0,
  '>': (order) => order > 0,
  '>=': (order) => order >= 0,
  '<': (order) => order < 0,
  '<=': (order) => order <= 0,
};

/**
 * True when `version` satisfies `constraint`; undefined when either cannot be read (the caller then
 * does not take the installed module for the call's).
 */
export function satisfiesConstraint(version: string, constraint: string): boolean | undefined {
  const v = parseVersion(version);
  if (!v) return undefined;
  for (const condition of constraint.split(',')) {
    const match = /^\s*(~>|>=|<=|!=|=|>|<)?\s*(\S+)\s*$/.exec(condition);
    const bound = match ? parseVersion(match[2]) : undefined;
    if (!match || !bound) return undefined;
    const op = match[1] ?? '=';
    const order = compare(v, bound);
    // A prerelease is selected only by an exact constraint naming it.
    if (v.prerelease !== '' && !(op === '=' && order === 0)) return false;
    const holds = op === '~>' ? pessimistic(v, bound) : ORDER_HOLDS[op](order);
    if (!holds) return false;
  }
  return true;
}
