/**
 * Jest over TypeScript through ts-jest in transpile-only mode (isolatedModules in tsconfig);
 * type-checking is `npm run typecheck`, kept out of the test loop for speed.
 * @type {import('jest').Config}
 */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: false }],
  },
  testTimeout: 60000,
};
