/**
 * Environment names that are JavaScript object built-ins (`constructor`, `__proto__`, `toString`,
 * `hasOwnProperty`, `valueOf`) are clear validation errors with the accepted pattern, never internal
 * errors: the name is also a stack name (a construct ID, which the constructs library keys in a plain
 * object), a folder and a Terraform state key. Lookups keyed by input names find own entries only.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineEstate } from '../../constructs/model/estate';
import { DeclarationError } from '../../constructs/model/problems';
import { JS_BUILT_IN_NAMES, ownValue } from '../../constructs/model/lookup';
import { SYSTEM_SCOPE_MAP_ACTIONS } from '../../constructs/model/names';
import {
  FORCES_REPLACEMENT,
  SENSITIVE_ATTRIBUTES,
  SENSITIVE_PROPERTIES_AZURE_NATIVE,
} from '../../constructs/model/provider-defaults';
import { runCli } from '../support/cli';
import { synthOne } from '../support/cdktf';
import { env, estateOf } from '../support/declarations';

const BUILT_INS = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf'];
const PATTERN = 'use 2-20 lowercase letters, digits or hyphens, starting with a letter';

describe('environment names that are JavaScript built-ins', () => {
  it.each(BUILT_INS)('%s is a validation error naming the accepted pattern', (name) => {
    let error: unknown;
    try {
      defineEstate(estateOf(env(name, { name: 'acrbuiltintest' })));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DeclarationError);
    const problems = (error as DeclarationError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0].path).toBe('environments[0].name');
    expect(problems[0].message).toMatch(new RegExp(`^environment name "${name}" is (reserved|invalid)`));
    expect(problems[0].fix).toContain(PATTERN);
  });

  it('gives the same error for an estate module in JavaScript, through the CLI, and writes nothing', async () => {
    const out = mkdtempSync(join(tmpdir(), 'acr-iac-builtins-'));
    try {
      const target = join(out, 'cdktf.out');
      const result = await runCli(
        'synth',
        '--estate',
        'test/fixtures/estates/builtin-names.js',
        '-o',
        target,
      );
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(/internal error|TypeError|\n\s+at /);
      expect(result.stderr.split('\n').filter((l) => l.includes('.name: environment name'))).toEqual([
        `  - environments[0].name: environment name "constructor" is reserved (a JavaScript or Terraform built-in name). Fix: choose another name; ${PATTERN}`,
        `  - environments[1].name: environment name "__proto__" is invalid. Fix: ${PATTERN}`,
        `  - environments[2].name: environment name "toString" is invalid. Fix: ${PATTERN}`,
        `  - environments[3].name: environment name "valueOf" is invalid. Fix: ${PATTERN}`,
        `  - environments[4].name: environment name "hasOwnProperty" is invalid. Fix: ${PATTERN}`,
      ]);
      expect(existsSync(target)).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});

describe('lookups keyed by input', () => {
  it('model tables hold no inherited entries', () => {
    for (const name of JS_BUILT_IN_NAMES) {
      expect(SYSTEM_SCOPE_MAP_ACTIONS[name]).toBeUndefined();
      expect(FORCES_REPLACEMENT[name]).toBeUndefined();
      expect(SENSITIVE_ATTRIBUTES[name]).toBeUndefined();
      expect(SENSITIVE_PROPERTIES_AZURE_NATIVE[name]).toBeUndefined();
    }
    expect(SYSTEM_SCOPE_MAP_ACTIONS._repositories_pull).toEqual(['repositories/*/content/read']);
  });

  it('ownValue finds own entries only', () => {
    const record: Record<string, number> = { a: 1 };
    expect(ownValue(record, 'a')).toBe(1);
    expect(ownValue(record, 'constructor')).toBeUndefined();
    expect(ownValue(record, '__proto__')).toBeUndefined();
    expect(ownValue(undefined, 'a')).toBeUndefined();
  });

  it('input names that are also names of stack children keep their Terraform variable', () => {
    const stack = synthOne(
      env('prod', {
        tasks: [
          {
            name: 'build-app',
            step: { type: 'docker', contextPath: 'https://github.com/o/r.git', imageNames: ['app:1'] },
            gitTokenInput: 'registry',
          },
        ],
        webhooks: [
          {
            name: 'hookone',
            serviceUri: 'https://h.example.com',
            actions: ['push'],
            headersInput: 'login_server',
          },
        ],
      }),
    );
    expect(Object.keys(stack.variable ?? {}).sort()).toEqual(['login_server', 'registry']);
    expect(Object.keys(stack.output ?? {}).sort()).toEqual(['login_server', 'registry_id']);
    const task = Object.values(stack.resource.azurerm_container_registry_task)[0] as {
      docker_step: { context_access_token: string };
    };
    expect(task.docker_step.context_access_token).toBe('${var.registry}');
  });
});
