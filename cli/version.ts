/**
 * The package's own package.json, found from the running file: `cli/` in the repository (run through
 * tsx or jest) or `dist/cli/` in the installed package.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fields of package.json the CLI reads. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  readonly peerDependencies: Readonly<Record<string, string>>;
  readonly dependencies: Readonly<Record<string, string>>;
}

let cached: PackageInfo | undefined;

/** acr-iac's package.json (name, version, peer dependency ranges). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  for (const up of ['..', join('..', '..')]) {
    const file = join(__dirname, up, 'package.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<PackageInfo>;
    if (json.name !== 'acr-iac') continue;
    cached = {
      name: json.name,
      version: json.version ?? '0.0.0',
      peerDependencies: json.peerDependencies ?? {},
      dependencies: json.dependencies ?? {},
    };
    return cached;
  }
  throw new Error("cannot find acr-iac's own package.json");
}
