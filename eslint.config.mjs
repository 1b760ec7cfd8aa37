// Lint: typescript-eslint's recommended rules over all TypeScript sources; Prettier owns formatting.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'cdktf.out/', 'coverage/', '.pulumi/', 'bench/out/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'always'],
      // One module per import: the package roots' types are 5,600 (@pulumi/azure-native) and 1,700
      // (@pulumi/azure) declaration files, which tsc parses on every run, changed or not;
      // @cdktf/provider-azurerm's root likewise exports each of its 1,500 resource modules.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: ['@pulumi/azure-native', '@pulumi/azure', '@cdktf/provider-azurerm'].map((name) => ({
            name,
            message: `Import the resource's own module (e.g. ${name}/<module>/<resource>), not the package root.`,
          })),
        },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['bin/*.js', '*.config.js', '.ci/consumer/*.js'],
    languageOptions: {
      globals: {
        require: 'readonly',
        process: 'readonly',
        __dirname: 'readonly',
        module: 'writable',
        console: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
