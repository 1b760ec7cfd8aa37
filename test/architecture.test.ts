/**
 * The dependency arrows: the library (constructs/, policies/, preview/) never imports the sample
 * (stacks/), the CLI, tests, benches or examples; the shipped CLI never imports the sample; the model
 * imports no engine and nothing outside itself. Read from the import statements of every source file.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder)).flatMap((name) => {
    const path = join(folder, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every module a file imports, requires or loads with import(): `[specifier, resolved or package]`. */
function imports(file: string): { specifier: string; target: string }[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  const found = [
    ...text.matchAll(/(?:^|\s)(?:import|export)\s[^'";]*?from\s+'([^']+)'/g),
    ...text.matchAll(/(?:^|[^\w.])(?:require|import)\(\s*'([^']+)'\s*\)/g),
    ...text.matchAll(/^import\s+'([^']+)'/gm),
  ].map((m) => m[1]);
  return found.map((specifier) => ({
    specifier,
    target: specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : specifier,
  }));
}

type Import = ReturnType<typeof imports>[number];

function violations(folders: readonly string[], forbidden: (i: Import) => boolean): string[] {
  return folders.flatMap(sources).flatMap((file) =>
    imports(file)
      .filter(forbidden)
      .map((i) => `${file} -> ${i.specifier}`),
  );
}

const isUnder =
  (folders: readonly string[]) =>
  ({ target }: Import): boolean =>
    folders.some((f) => target === f || target.startsWith(`${f}/`));

describe('dependency arrows', () => {
  it('finds the imports it judges (the scan works)', () => {
    expect(imports('cli/synth.ts').map((i) => i.target)).toEqual(
      expect.arrayContaining(['commander', 'cli/engines', 'cli/output-tree']),
    );
    expect(imports('cli/engines.ts').map((i) => i.target)).toEqual(
      expect.arrayContaining(['policies', 'constructs/cdktf/app']),
    );
  });

  it('the library imports neither the sample, the CLI, tests, benches nor examples', () => {
    expect(
      violations(
        ['constructs', 'policies', 'preview'],
        isUnder(['stacks', 'cli', 'test', 'bench', 'examples']),
      ),
    ).toEqual([]);
  });

  it('the policy engine does not import the preview (the preview builds on it, not the reverse)', () => {
    expect(violations(['policies'], isUnder(['preview']))).toEqual([]);
  });

  it('the shipped CLI does not import the sample estate or its entry points', () => {
    expect(violations(['cli'], isUnder(['stacks', 'test', 'bench', 'examples']))).toEqual([]);
  });

  it('cdktf is imported by the construct layer only, so a switch to its fork is a change there', () => {
    const cdktf = /^(cdktf|constructs)($|\/)|^@cdktf\//;
    expect(
      violations(['cli', 'policies', 'preview', 'constructs/model', 'constructs/pulumi', 'stacks'], (i) =>
        cdktf.test(i.specifier),
      ),
    ).toEqual([]);
  });

  it('the model imports no engine and nothing outside the model', () => {
    const engine = /^(cdktf|constructs|@cdktf\/|@pulumi\/)/;
    expect(
      violations(['constructs/model'], ({ specifier, target }) =>
        specifier.startsWith('.') ? !target.startsWith('constructs/model/') : engine.test(specifier),
      ),
    ).toEqual([]);
  });
});
