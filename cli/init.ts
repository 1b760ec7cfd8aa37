/**
 * `acr-iac init [dir]`: writes a starter project into an empty folder: an estate, a cdktf app, a Pulumi
 * program, a CI workflow, a strict tsconfig and a package.json that declares the estate and pins the
 * engines at the ranges acr-iac supports. Refuses a folder that holds anything (a `.git` folder aside).
 */
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { ENGINES, installArguments } from './engines';
import { UsageError } from './errors';
import { packageInfo } from '../constructs/model/package-info';
import { writeFileAtomic } from './write-file';

/** The registry name of the starter: letters and digits from the folder name (5-50 in all). */
export function starterRegistryName(folder: string): string {
  const slug = folder
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 40);
  return `${slug.length >= 2 ? slug : 'team'}acrdev`;
}

function packageName(folder: string): string {
  const name = folder
    .toLowerCase()
    .replace(/[^a-z0-9-]/g, '-')
    .replace(/^-+|-+$/g, '');
  return name === '' ? 'acr-estate' : name;
}

function versions(packages: readonly string[]): Record<string, string> {
  return Object.fromEntries(
    installArguments(packages).map((arg) => {
      const at = arg.lastIndexOf('@');
      return at > 0 ? [arg.slice(0, at), arg.slice(at + 1)] : [arg, '*'];
    }),
  );
}

/** The starter's files, by path relative to the folder. */
export function starterFiles(folder: string): ReadonlyMap<string, string> {
  const info = packageInfo();
  const name = packageName(folder);
  const registry = starterRegistryName(folder);
  const pkg = {
    name,
    version: '0.0.0',
    private: true,
    scripts: {
      synth: 'acr-iac synth',
      check: 'acr-iac check cdktf.out',
      typecheck: 'tsc --noEmit',
      test: 'tsc --noEmit && acr-iac synth --quiet',
    },
    'acr-iac': { estate: 'estate.ts' },
    devDependencies: {
      [info.name]: `^${info.version}`,
      ...versions([...ENGINES.cdktf, ...ENGINES.pulumi]),
      tsx: info.dependencies.tsx ?? '^4',
      typescript: '~5.9.0',
      '@types/node': '^20.19.0',
    },
  };
  const files: [string, string][] = [
    ['package.json', `${JSON.stringify(pkg, null, 2)}\n`],
    [
      'estate.ts',
      `/**
 * The Azure Container Registry estate, declared once: \`npx acr-iac synth\` validates it, synthesizes one
 * Terraform stack per environment into cdktf.out/ and checks them against the policy rules.
 * Environments form a promotion chain in this order: add staging and prod after dev, and images enter
 * each one only by import from the one before. Replace the placeholder IDs with your own.
 */
import type { EstateDeclaration } from 'acr-iac/model';

export const ESTATE: EstateDeclaration = {
  environments: [
    {
      name: 'dev',
      location: 'westeurope',
      resourceGroupName: 'rg-acr-dev',
      tags: { environment: 'dev' },
      registry: {
        name: '${registry}',
        sku: 'Standard',
        roleAssignments: [
          {
            role: 'AcrPush',
            principalId: '11111111-1111-1111-1111-111111111111',
            description: 'CI builds push images',
          },
          {
            role: 'AcrPull',
            principalId: '22222222-2222-2222-2222-222222222222',
            description: 'cluster kubelet pulls images',
          },
        ],
      },
    },
  ],
};
`,
    ],
    [
      'cdktf/main.ts',
      `/**
 * The cdktf app (\`npx --package cdktf-cli@0.21.0 cdktf deploy dev\`): one stack per environment,
 * gated by the policy check, so a mandatory failure stops synth and deploy.
 */
import { buildApp } from 'acr-iac/cdktf';
import { defineEstate } from 'acr-iac/model';
import { addPolicyGate, policyConfigFromEstate } from 'acr-iac/policies';
import { ESTATE } from '../estate';

const estate = defineEstate(ESTATE);
const { app, stacks } = buildApp(estate);
addPolicyGate(app, stacks, policyConfigFromEstate(estate));
app.synth();
`,
    ],
    [
      'cdktf.json',
      `${JSON.stringify(
        {
          language: 'typescript',
          app: 'npx tsx cdktf/main.ts',
          output: 'cdktf.out',
          projectId: name,
          sendCrashReports: 'false',
          terraformProviders: [],
          terraformModules: [],
        },
        null,
        2,
      )}\n`,
    ],
    [
      'pulumi/index.ts',
      `/**
 * The Pulumi program (\`pulumi up -s dev\`): renders the environment named by the stack.
 * \`npx acr-iac check --pulumi dev\` runs it under mocks, without the Pulumi CLI.
 */
import { definePulumiProgram } from 'acr-iac/pulumi';
import { ESTATE } from '../estate';

export const { loginServer, registryId } = definePulumiProgram(ESTATE);
`,
    ],
    [
      'Pulumi.yaml',
      `name: ${name}
description: Azure Container Registry estate (see estate.ts)
runtime:
  name: nodejs
  options:
    packagemanager: npm
    typescript: false
    nodeargs: --import tsx
main: pulumi/index.ts
`,
    ],
    [
      'Pulumi.dev.yaml',
      '# Stack config of dev (acr-iac:<key> overrides; see the acr-iac README).\nconfig: {}\n',
    ],
    [
      'tsconfig.json',
      `${JSON.stringify(
        {
          compilerOptions: {
            target: 'ES2022',
            module: 'nodenext',
            moduleResolution: 'nodenext',
            strict: true,
            exactOptionalPropertyTypes: true,
            noUncheckedIndexedAccess: true,
            skipLibCheck: false,
            noEmit: true,
            types: ['node'],
          },
          include: ['estate.ts', 'cdktf', 'pulumi'],
        },
        null,
        2,
      )}\n`,
    ],
    [
      '.github/workflows/acr-iac.yml',
      `# Validate, synthesize and check the estate on every push and pull request; findings go to code
# scanning as SARIF.
name: acr-iac
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
  security-events: write
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx tsc --noEmit
      - run: npx acr-iac synth --quiet
      - run: npx acr-iac check cdktf.out --format sarif --output acr-iac.sarif
        if: always()
      - uses: github/codeql-action/upload-sarif@v3
        if: always() && hashFiles('acr-iac.sarif') != ''
        with:
          sarif_file: acr-iac.sarif
  # One pull-request comment: dangers, the policy delta against the base branch, cost (the acr-iac
  # action from node_modules, so the version in the lock file judges).
  preview:
    if: github.event_name == 'pull_request'
    runs-on: ubuntu-latest
    permissions:
      contents: read
      pull-requests: write
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-node@v4
        with:
          node-version: 20
          cache: npm
      - run: npm ci
      - run: npx acr-iac synth --quiet --no-check
      - name: Synthesize the base branch (an empty base when it does not synthesize)
        env:
          BASE_SHA: \${{ github.event.pull_request.base.sha }}
        run: |
          git worktree add ../base "$BASE_SHA"
          cd ../base
          npm ci
          npx acr-iac synth --quiet --no-check || { mkdir -p cdktf.out && echo '{"stacks":{}}' > cdktf.out/manifest.json; }
      - uses: ./node_modules/acr-iac
        with:
          base: ../base/cdktf.out
          head: cdktf.out
          fail-on: new
`,
    ],
    ['.gitignore', 'node_modules/\ncdktf.out/\n*.tfstate\n*.tfstate.*\n.terraform/\n'],
    [
      'README.md',
      `# ${name}

The Azure Container Registry estate of this repository, declared once in \`estate.ts\` with
[acr-iac](https://www.npmjs.com/package/acr-iac).

\`\`\`sh
npm install               # acr-iac and both engines; drop the one you do not use from package.json
npx acr-iac synth         # validate, synthesize into cdktf.out/, summarize, check
npx acr-iac check --pulumi dev   # the Pulumi program under mocks
\`\`\`

Deploy with \`npx --package cdktf-cli@0.21.0 cdktf deploy dev\` (Terraform state in
\`terraform.dev.tfstate\` here, outside cdktf.out/) or \`pulumi up -s dev\`.
`,
    ],
  ];
  return new Map(files);
}

/** Writes the starter into `dir`; throws UsageError when the folder holds anything. */
export function initProject(dir: string): readonly string[] {
  const target = resolve(dir);
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new UsageError(`${dir} is a file; give an empty folder`);
    const present = readdirSync(target).filter((name) => name !== '.git');
    if (present.length > 0)
      throw new UsageError(
        `${dir} is not empty (it holds ${present.sort()[0]}); init writes only into an empty folder`,
      );
  }
  mkdirSync(target, { recursive: true });
  const files = starterFiles(basename(target));
  for (const [path, content] of files) writeFileAtomic(join(target, path), content);
  return [...files.keys()];
}

/** Registers `init` on the program. */
export function registerInit(program: Command): void {
  program
    .command('init')
    .description('write a starter estate, cdktf app, Pulumi program and CI workflow into an empty folder')
    .argument('[dir]', 'the folder (created if missing; must be empty)', '.')
    .addHelpText('after', '\nExit codes: 0 written, 2 the folder is not empty.')
    .action((dir: string) => {
      const written = initProject(dir);
      const shown = relative(process.cwd(), resolve(dir)) || '.';
      process.stdout.write(
        `Wrote ${written.length} files into ${shown}:\n${written.map((f) => `  ${f}`).join('\n')}\n\nNext: ${shown === '.' ? '' : `cd ${shown} && `}npm install && npx acr-iac synth\n`,
      );
    });
}
