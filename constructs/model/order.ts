/**
 * The one order of strings in every output (synthesized JSON, inventories, reports): plain UTF-16
 * code-unit order, the same on every machine. `localeCompare` collates by the machine's locale (ICU:
 * in Estonian `z` sorts between `s` and `t`, and every locale puts `a` before `B`), so output sorted
 * with it would differ between a developer's laptop and CI.
 */
export function compareCodeUnits(x: string, y: string): number {
  return x < y ? -1 : x > y ? 1 : 0;
}
