/**
 * Jest over TypeScript through ts-jest in transpile-only mode (isolatedModules in tsconfig);
 * type-checking is `npm run build` (tsc), kept out of the test loop for speed. The global setup builds
 * dist/ when stale and installs the packed package once, for the tests that run the real bin.
 * One worker per core: jest's default (cores - 1) runs a single worker on a 2-core machine while the
 * parent process idles (jest took 112 s that way, 81 s with two workers).
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60000,
  maxWorkers: '100%',
};
