/**
 * Where a synthesized resource is declared in the estate module (`stacks/environments.ts` or the
 * `--estate` file), so SARIF results land on the line a user edits rather than in the git-ignored
 * `cdktf.out/`. Read from the module's text: the environment's `name: '<env>'` line, and inside it (or
 * anywhere in the file, for shared constants) the `name: '<item>'` of the registry, token, webhook,
 * purge or endpoint that the construct path names. Unknown when the registry is not declared there:
 * the tree then came from another estate.
 */
import type { Finding } from '../evaluate';

/** A file and a 1-based line. */
export interface DeclarationLine {
  readonly file: string;
  readonly line: number;
}

/** Finds the declaration of a finding's resource, or undefined. */
export type DeclarationLookup = (finding: Finding) => DeclarationLine | undefined;

/** Construct id prefixes the constructs put before a declared name (`token-prod-pull`, `webhook-x`). */
const ID_PREFIXES = /^(token|webhook|purge|task|pe|endpoint|link)-/;

/** A DeclarationLookup over the estate module `file` (relative path) with content `text`. */
export function declarationLookup(file: string, text: string): DeclarationLookup {
  const lines = text.split('\n');
  const names = new Map<string, { line: number; indent: number }[]>();
  lines.forEach((line, i) => {
    for (const match of line.matchAll(/(^|[\s{,])name:\s*(['"])([^'"\n]+)\2/g)) {
      const list = names.get(match[3]) ?? [];
      list.push({ line: i + 1, indent: line.search(/\S/) });
      names.set(match[3], list);
    }
  });
  const blockOf = (environment: string): { start: number; end: number } | undefined => {
    const found = names.get(environment)?.[0];
    if (!found) return undefined;
    let end = lines.length;
    for (let i = found.line; i < lines.length; i += 1) {
      const indent = lines[i].search(/\S/);
      if (indent >= 0 && indent <= found.indent && /^\s*name:\s*['"]/.test(lines[i])) {
        end = i;
        break;
      }
    }
    return { start: found.line, end };
  };
  const lineOf = (name: string, block?: { start: number; end: number }): number | undefined => {
    const all = names.get(name) ?? [];
    const inside = block ? all.find((n) => n.line >= block.start && n.line <= block.end) : undefined;
    return (inside ?? all[0])?.line;
  };
  return (finding) => {
    const registry = finding.registry;
    // Only an estate that declares this registry located it: otherwise the tree came from elsewhere.
    if (!registry || !names.has(registry)) return undefined;
    const block = blockOf(finding.environment);
    const segments = (finding.location.constructPath ?? '').split('/').reverse();
    for (const segment of segments) {
      for (const candidate of [segment, segment.replace(ID_PREFIXES, '')]) {
        if (candidate === finding.environment || candidate === 'registry') continue;
        const line = lineOf(candidate, block);
        if (line !== undefined) return { file, line };
      }
    }
    const line = lineOf(registry, block) ?? block?.start;
    return line === undefined ? undefined : { file, line };
  };
}
