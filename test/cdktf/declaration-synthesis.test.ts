/**
 * What passes validation synthesizes: valid variations of a full declaration, and hostile strings in
 * every string field (and every tag name), each of which is a validation error or synthesizes with no
 * Terraform expression in cdk.tf.json that the stack did not write itself.
 *
 * Why literal `${` must be refused rather than passed on: cdktf writes strings into cdk.tf.json as
 * they are, and Terraform's JSON syntax reads `${...}` and `%{...}` in any string as a template.
 */
import fc from 'fast-check';
import { Fn, Testing, TerraformStack } from 'cdktf';
import { AzurermProvider } from '@cdktf/provider-azurerm/lib/provider';
import { ResourceGroup } from '@cdktf/provider-azurerm/lib/resource-group';
import type { EstateDeclaration } from '../../constructs/model/declaration';
import { validateEstate } from '../../constructs/model/estate';
import { propertyPath } from '../../constructs/model/validators';
import { synthEstate } from '../support/cdktf';
import { fullEstate } from '../support/full-estate';
import { mutated } from '../support/mutations';
import type { Mutation } from '../support/mutations';
import { EnvironmentStack } from '../../constructs/cdktf/environment-stack';
import { defineEstate } from '../../constructs/model/estate';
import { DeclarationError } from '../../constructs/model/problems';

/** One environment holding every property of the full estate (both kinds of task, every webhook). */
function baseEstate(): EstateDeclaration {
  const full = fullEstate();
  const [dev, prod] = full.environments;
  const registry = {
    ...prod.registry,
    tasks: [...(dev.registry.tasks ?? []), ...(prod.registry.tasks ?? [])],
    purges: [...(dev.registry.purges ?? []), ...(prod.registry.purges ?? [])],
    webhooks: [...(dev.registry.webhooks ?? []), ...(prod.registry.webhooks ?? [])],
  };
  return { ...full, environments: [{ ...prod, registry }] };
}

type Path = readonly (string | number)[];
type Json = Record<string | number, unknown>;

/** Paths of every string value, and of every key of a tag map. */
function stringPaths(value: unknown, prefix: Path = []): { values: Path[]; keys: Path[] } {
  const values: Path[] = [];
  const keys: Path[] = [];
  if (typeof value === 'string') values.push(prefix);
  else if (Array.isArray(value)) value.forEach((v, i) => merge(stringPaths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      if (prefix[prefix.length - 1] === 'tags') keys.push([...prefix, k]);
      merge(stringPaths(v, [...prefix, k]));
    }
  return { values, keys };

  function merge(found: { values: Path[]; keys: Path[] }): void {
    values.push(...found.values);
    keys.push(...found.keys);
  }
}

function parentOf(root: Json, path: Path): Json {
  return path.slice(0, -1).reduce<Json>((node, step) => node[step] as Json, root);
}

/** `estate` with the string at each of `paths` replaced by `text` (a tag name: the key renamed). */
function withText(
  estate: EstateDeclaration,
  text: string,
  values: Path[],
  keys: Path[] = [],
): EstateDeclaration {
  const copy = structuredClone(estate) as unknown as Json;
  for (const path of values) parentOf(copy, path)[path[path.length - 1]] = text;
  for (const path of keys) {
    const parent = parentOf(copy, path);
    const value = parent[path[path.length - 1]];
    delete parent[path[path.length - 1]];
    Object.defineProperty(parent, text, { value, enumerable: true, writable: true, configurable: true });
  }
  return copy as unknown as EstateDeclaration;
}

/**
 * Every Terraform template sequence in the synthesized stacks, with resource and variable names
 * replaced by `X`: a renamed token gives new addresses of the same kind, an injected template a new
 * kind of expression.
 */
function expressionKinds(stacks: unknown): Set<string> {
  const found = JSON.stringify(stacks).match(/[$%]\{[^}]*\}/g) ?? [];
  return new Set(
    found.map((e) => e.replace(/\bvar\.[\w-]+/g, 'var.X').replace(/\b([a-z_]+)\.([\w-]+)\./g, '$1.X.')),
  );
}

/**
 * The path validation reports for `path` of the one-environment base (`prod.registry.tags.team`);
 * `environment` is how it names the environment (its position once the name itself is invalid).
 */
function label(path: Path, environment = 'prod'): string {
  const inEnvironment = path[0] === 'environments';
  const segments = (inEnvironment ? path.slice(2) : path).map((p) =>
    typeof p === 'number' ? `[${p}]` : propertyPath(p),
  );
  return inEnvironment ? `${environment}${segments.join('')}` : segments.join('').slice(1);
}

/** Strings no field may hold: each is refused at every field, as one problem at that field. */
const REFUSED_EVERYWHERE = [
  '\u0000nul',
  'two\nlines',
  'cr\r\n- cmd: evil',
  '\u202eevil.exe',
  'zero\u200bwidth',
  'x'.repeat(3000),
  '${file("/etc/passwd")}',
  'a%{ if true }b%{ endif }',
  '$${escaped}',
];

/** Printable strings some fields take: quotes, shell and YAML syntax, templates, JS built-in names. */
const PRINTABLE = [`it's "quoted" \\ $HOME \`id\` # {{.Run.ID}} ünï 🙂`, '', '__proto__', 'constructor'];

describe('hostile strings in every string field', () => {
  const base = baseEstate();
  const { values, keys } = stringPaths(base);
  const baseline = expressionKinds(synthEstate(base));

  it('the base declaration is valid and uses every kind of string field', () => {
    expect(validateEstate(base).all).toEqual([]);
    expect(values.length).toBeGreaterThan(80);
    expect(keys.length).toBeGreaterThanOrEqual(4);
  });

  it.each(REFUSED_EVERYWHERE.map((text) => [JSON.stringify(text).slice(0, 30), text]))(
    '%s is refused in every field, with a problem at that field',
    (_, text) => {
      // All fields at once, in three passes so no change hides another: a step's type decides which
      // fields the step has, and a renamed tag carries its value along.
      const isType = (p: Path) => p[p.length - 1] === 'type';
      const passes: [Path[], Path[]][] = [
        [values.filter((p) => !isType(p)), []],
        [values.filter(isType), []],
        [[], keys],
      ];
      for (const [changed, renamed] of passes) {
        const problems = validateEstate(withText(base, text, changed, renamed)).all.map((p) => p.path);
        // Once the environment's own name is replaced, paths name it by its position.
        const environment = changed.some((p) => p.length === 3 && p[2] === 'name')
          ? 'environments[0]'
          : 'prod';
        const expected = [...changed, ...renamed.map((p) => [...p.slice(0, -1), text])].map((p) =>
          label(p, environment),
        );
        expect(expected.filter((path) => !problems.includes(path))).toEqual([]);
      }
    },
  );

  it.each(PRINTABLE.map((text) => [JSON.stringify(text), text]))(
    '%s is refused or synthesizes without a Terraform expression of its own',
    (_, text) => {
      const changes = [
        ...values.map((p) => (d: EstateDeclaration) => withText(d, text, [p])),
        ...keys.map((p) => (d: EstateDeclaration) => withText(d, text, [], [p])),
      ];
      const valid = (d: EstateDeclaration) => validateEstate(d).all.length === 0;
      const accepted = changes.filter((change) => valid(change(base)));
      // Put the string into as many accepted fields at once as stay valid together, then synthesize.
      const all = accepted.reduce((d, change) => change(d), base);
      let pending = valid(all) ? [] : accepted;
      if (pending.length === 0 && accepted.length > 0)
        for (const kind of expressionKinds(synthEstate(all))) expect(baseline).toContain(kind);
      while (pending.length > 0) {
        let declaration = base;
        const rest: typeof pending = [];
        for (const change of pending) {
          const next = change(declaration);
          if (valid(next)) declaration = next;
          else rest.push(change);
        }
        for (const kind of expressionKinds(synthEstate(declaration))) expect(baseline).toContain(kind);
        pending = rest;
      }
    },
  );

  it('keeps an accepted tag value as the literal text', () => {
    const text = `it's "quoted" \\ back $HOME`;
    const stacks = synthEstate(withText(base, text, [['environments', 0, 'registry', 'tags', 'team']]));
    const registry = Object.values(stacks.prod.resource.azurerm_container_registry)[0] as { tags: unknown };
    expect(registry.tags).toEqual({ criticality: 'high', environment: 'prod', team: text });
  });

  it('refuses a literal ${ in a tag value, with the path and the fix', () => {
    expect(
      validateEstate(withText(base, 'v${1+1}', [['environments', 0, 'registry', 'tags', 'team']])).all,
    ).toEqual([
      {
        path: 'prod.registry.tags.team',
        message: '"v${1+1}" contains "${" or "%{", which Terraform would read as an expression',
        fix: 'use plain, printable text without "${" or "%{"',
      },
    ]);
  });
});

describe('valid declarations', () => {
  it('valid variations of the full estate synthesize', () => {
    // Type-preserving changes of the full estate: many stay valid, so each valid one is synthesized.
    const leafChange = fc.record({
      at: fc.nat(),
      kind: fc.constantFrom<Mutation['kind']>('delete', 'replace'),
      value: fc.oneof(
        fc.boolean(),
        fc.constantFrom(0, 1, 7, 30, 365, 'westeurope', 'northeurope', 'apps/.*'),
      ),
      key: fc.constant(''),
    });
    let synthesized = 0;
    fc.assert(
      fc.property(
        mutated(fullEstate(), fc.array(leafChange, { minLength: 1, maxLength: 2 })),
        (declaration) => {
          let result;
          try {
            result = defineEstate(declaration as EstateDeclaration);
          } catch (error) {
            if (error instanceof DeclarationError) return;
            throw error;
          }
          const app = Testing.app();
          for (const environment of result.environments) {
            const stack = new EnvironmentStack(app, { environment, backend: result.backend });
            expect(JSON.parse(Testing.synth(stack))).toHaveProperty('resource');
          }
          synthesized++;
        },
      ),
      { numRuns: Number(process.env.DECL_SYNTH_RUNS ?? 25), seed: 8 },
    );
    expect(synthesized).toBeGreaterThan(3);
  });
});

describe('how cdktf writes template sequences (why the declaration refuses them)', () => {
  it('writes ${ and %{ unescaped; only Fn.rawString escapes, and only ${', () => {
    const app = Testing.app();
    const stack = new TerraformStack(app, 'probe');
    new AzurermProvider(stack, 'azurerm', { features: [{}] });
    new ResourceGroup(stack, 'rg', {
      name: 'rg',
      location: 'westeurope',
      tags: { plain: '${file("x")}', directive: '%{ if true }x%{ endif }', raw: Fn.rawString('${a} %{b}') },
    });
    const json = JSON.parse(Testing.synth(stack)) as {
      resource: { azurerm_resource_group: Record<string, { tags: Record<string, string> }> };
    };
    expect(Object.values(json.resource.azurerm_resource_group)[0].tags).toEqual({
      plain: '${file("x")}',
      directive: '%{ if true }x%{ endif }',
      raw: '$${a} %{b}',
    });
  });
});
