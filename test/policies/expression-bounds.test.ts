/**
 * Hand-written Terraform can describe values far larger than the file: a few locals that double a list
 * or a string reach billions of elements, and a `count` can ask for a billion resources. The checker
 * evaluates within bounds: a value beyond them is unknown with the reason (never a hang, a crash or a
 * verdict), and a `count` beyond the instance limit is refused with the block's path.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { checkPaths } from '../../policies';

/** A root module whose registry's admin_enabled is `adminEnabled`, with `locals`. */
function module(dir: string, locals: Record<string, unknown>, adminEnabled: string): string {
  mkdirSync(dir, { recursive: true });
  const registry = { name: 'acr', resource_group_name: 'rg', location: 'westeurope', sku: 'Basic' };
  const doc = {
    locals,
    resource: { azurerm_container_registry: { r: { ...registry, admin_enabled: adminEnabled } } },
  };
  writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify(doc));
  return dir;
}

/** Locals `<prefix>0..39`: `first`, then each `step` of the one before. */
function doubling(
  prefix: string,
  first: unknown,
  step: (previous: string) => string,
): Record<string, unknown> {
  const locals: Record<string, unknown> = { [`${prefix}0`]: first };
  for (let i = 1; i < 40; i += 1) locals[`${prefix}${i}`] = step(`local.${prefix}${i - 1}`);
  return locals;
}

describe('bounds of expression evaluation', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'acr-iac-bounds-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const admin = (dir: string): { result: string; message: string } => {
    const finding = checkPaths([dir], { cwd: root, environment: 'prod' }).findings.find(
      (f) => f.ruleId === 'ACR-001',
    );
    if (!finding) throw new Error('no ACR-001 finding');
    return { result: finding.result, message: finding.message };
  };

  it.each([
    [
      'a list doubled by concat',
      doubling('l', ['x', 'y'], (p) => `\${concat(${p}, ${p})}`),
      '${length(local.l39) == 0}',
      'concat() over more than 10000 elements, which the checker does not evaluate (check the plan)',
    ],
    [
      'a string doubled by a template',
      doubling('s', 'ab', (p) => `\${${p}}\${${p}}`),
      '${local.s39 == ""}',
      'the template makes a string over 1000000 characters',
    ],
    [
      'nested for expressions flattened',
      {
        f0: Array.from({ length: 200 }, (_, i) => String(i)),
        f1: '${[for a in local.f0 : local.f0]}',
        f2: '${[for a in local.f1 : local.f1]}',
      },
      '${length(flatten(local.f2)) == 0}',
      'flatten() makes more than 10000 elements',
    ],
  ])('%s is unknown with the reason', (name, locals, expression, reason) => {
    const outcome = admin(module(path.join(root, name.replace(/\W+/g, '-')), locals, expression));
    expect(outcome.result).toBe('unknown');
    expect(outcome.message).toContain(reason);
  });

  it('still evaluates lists within the bound', () => {
    const locals = { a: Array.from({ length: 3000 }, (_, i) => `r${i}`), b: '${concat(local.a, local.a)}' };
    expect(admin(module(path.join(root, 'within'), locals, '${length(local.b) != 6000}')).result).toBe(
      'pass',
    );
  });

  it('refuses a count beyond the instance limit, naming the block', () => {
    const dir = path.join(root, 'count');
    mkdirSync(dir);
    const body = { count: 1e9, name: 'acr', resource_group_name: 'rg', location: 'westeurope', sku: 'Basic' };
    writeFileSync(
      path.join(dir, 'main.tf.json'),
      JSON.stringify({ resource: { azurerm_container_registry: { r: body } } }),
    );
    expect(() => checkPaths([dir], { cwd: root, environment: 'prod' })).toThrow(
      'count/main.tf.json: resource.azurerm_container_registry.r.count: count = 1000000000 makes more than the 100000 resource instances',
    );
  });
});
