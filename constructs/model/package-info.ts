/**
 * acr-iac's own package.json, found from the running file upwards: `constructs/model/` in the
 * repository (run through tsx or jest) or `dist/constructs/model/` in the installed package. The one
 * source of the version and home page for `--version`, the CLI's install hints and the SARIF tool.
 * Engine-free and small, so `acr-iac --version` loads nothing else.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The fields of package.json the toolkit reads. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  /** The project's home page (`homepage`). */
  readonly homepage: string;
  readonly peerDependencies: Readonly<Record<string, string>>;
  readonly dependencies: Readonly<Record<string, string>>;
}

/** How many folders up from this file package.json may be (`dist/constructs/model/` is three). */
const MAX_DEPTH = 3;

let cached: PackageInfo | undefined;

/** acr-iac's package.json (name, version, home page, dependency ranges). */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let folder = __dirname;
  for (let depth = 0; depth <= MAX_DEPTH; depth++, folder = dirname(folder)) {
    const file = join(folder, 'package.json');
    if (!existsSync(file)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8')) as Partial<PackageInfo>;
    if (json.name !== 'acr-iac') continue;
    cached = {
      name: json.name,
      version: json.version ?? '0.0.0',
      homepage: json.homepage ?? '',
      peerDependencies: json.peerDependencies ?? {},
      dependencies: json.dependencies ?? {},
    };
    return cached;
  }
  throw new Error("cannot find acr-iac's own package.json");
}
