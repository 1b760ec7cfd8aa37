#!/usr/bin/env bash
# The consumer test: pack the package, install the tarball into a fresh project outside the repository
# (from the npm registry, as a user would), and there, with the starter `acr-iac init` writes:
#   1. cdktf only (no Pulumi installed): compile the estate and two cdktf apps with a strict tsconfig
#      (exactOptionalPropertyTypes, skipLibCheck off; nodenext and node10 resolution), run them (synth),
#      require the package from plain JavaScript, run the installed bin for synth, check, preview (its
#      policy section must be evaluated), rules and pr-comment (dry run), find the CI files the package
#      ships (action.yml, the Azure DevOps comment script), and expect `check --pulumi` to name what to
#      install;
#   2. with Pulumi added (@pulumi/pulumi, @pulumi/azure-native, @pulumi/azure, @pulumiverse/time): compile everything,
#      run the Pulumi program under mocks, `check --pulumi dev`.
# Every step fails loudly (set -e, and an explicit message for each assertion).
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/acr-iac-consumer-XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "consumer test FAILED: $*" >&2; exit 1; }
step() { echo "--- consumer: $*"; }
npm_install() { npm install --no-audit --no-fund --loglevel=error "$@"; }

step "pack"
(cd "$repo" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball="$(ls "$work"/acr-iac-*.tgz)"
peer() { node -e "const p=require(process.argv[1]).peerDependencies; console.log(process.argv.slice(2).map(n => n + '@' + p[n]).join(' '))" "$repo/package.json" "$@"; }

step "acr-iac init (from the tarball, in a scratch project)"
mkdir "$work/scratch" && cd "$work/scratch" && npm init -y >/dev/null
npm_install "$tarball" commander
node node_modules/acr-iac/bin/acr-iac.js init "$work/app" >/dev/null
cd "$work/app"
[ -f estate.ts ] && [ -f cdktf/main.ts ] && [ -f pulumi/index.ts ] || fail "init did not write the starter"
node node_modules/acr-iac/bin/acr-iac.js init . >/dev/null 2>&1 && fail "init wrote into a non-empty folder" || true

step "install: acr-iac and the cdktf engine only"
npm pkg delete 'devDependencies.@pulumi/pulumi' 'devDependencies.@pulumi/azure-native' 'devDependencies.@pulumi/azure' 'devDependencies.@pulumiverse/time' 'devDependencies.acr-iac'
npm_install
npm_install --save-dev "$tarball" $(peer cdktf constructs @cdktf/provider-azurerm @cdktf/provider-time)
[ ! -e node_modules/@pulumi/azure-native ] || fail "a cdktf-only project installed @pulumi/azure-native"
[ ! -e node_modules/@pulumi/pulumi ] || fail "a cdktf-only project installed @pulumi/pulumi"
[ ! -e node_modules/@pulumiverse/time ] || fail "a cdktf-only project installed @pulumiverse/time"
[ ! -e node_modules/@pulumi/azure ] || fail "a cdktf-only project installed @pulumi/azure"
cp "$here/custom-app.ts" cdktf/custom-app.ts
cp "$here/mocks.ts" "$here/program-under-mocks.ts" pulumi/
cp "$here/plain.js" plain.js

step "compile the cdktf side with a strict tsconfig (nodenext, then node10 resolution)"
node -e '
  const fs = require("fs");
  const base = JSON.parse(fs.readFileSync("tsconfig.json", "utf8"));
  const o = base.compilerOptions;
  if (!o.strict || !o.exactOptionalPropertyTypes || o.skipLibCheck !== false) throw new Error("the starter tsconfig is not strict");
  const cdktf = { ...base, include: ["estate.ts", "cdktf"], compilerOptions: { ...o, noEmit: false, outDir: "build" } };
  fs.writeFileSync("tsconfig.cdktf.json", JSON.stringify(cdktf));
  const node10 = { ...cdktf, compilerOptions: { ...cdktf.compilerOptions, module: "commonjs", moduleResolution: "node10", noEmit: true } };
  delete node10.compilerOptions.outDir;
  fs.writeFileSync("tsconfig.node10.json", JSON.stringify(node10));
'
npx tsc -p tsconfig.cdktf.json || fail "the cdktf side does not compile (nodenext)"
npx tsc -p tsconfig.node10.json || fail "the cdktf side does not compile (node10, typesVersions)"

step "run the cdktf apps (synth, gated by policy)"
node build/cdktf/main.js
[ -f cdktf.out/stacks/dev/cdk.tf.json ] || fail "the starter cdktf app wrote no stack"
node build/cdktf/custom-app.js custom.out
grep -q '"QA runner"' custom.out/stacks/dev/cdk.tf.json || fail "the custom app lost its grant"

step "plain JavaScript"
node -e 'require("tsx/cjs"); const { ESTATE } = require("./estate.ts"); require("fs").writeFileSync("estate.json", JSON.stringify({ ESTATE }))'
node plain.js

step "the installed bin"
bin=node_modules/.bin/acr-iac
version="$("$bin" --version)"
[ "$version" = "$(node -p 'require("acr-iac/package.json").version')" ] || fail "--version printed $version"
"$bin" synth >synth.txt || fail "acr-iac synth exited $?"
grep -q 'PASSED: no mandatory failure' synth.txt || fail "synth did not check"
"$bin" check cdktf.out --format sarif --output acr-iac.sarif || fail "acr-iac check exited $?"
node -e 'if (JSON.parse(require("fs").readFileSync("acr-iac.sarif","utf8")).version !== "2.1.0") process.exit(1)' || fail "no SARIF report"
"$bin" preview --base cdktf.out --head cdktf.out --output comment.md || fail "acr-iac preview exited $?"
grep -q 'acr-iac-preview' comment.md || fail "no preview comment"
grep -qi 'policy' comment.md || fail "the comment has no policy section"
if grep -qiE 'not evaluated|could not judge' comment.md; then fail "the preview did not evaluate policy: $(grep -iE 'not evaluated|could not judge' comment.md)"; fi
if grep -q "$work" comment.md; then fail "the comment names an absolute path"; fi
"$bin" rules >/dev/null || fail "acr-iac rules exited $?"
"$bin" pr-comment --file comment.md --repo contoso/platform --pr 7 --dry-run >calls.txt || fail "acr-iac pr-comment exited $?"
grep -q '^GET https://api.github.com/repos/contoso/platform/issues/7/comments' calls.txt || fail "pr-comment --dry-run printed $(cat calls.txt)"

step "the CI files the package ships (the action, the Azure DevOps comment script)"
[ -f node_modules/acr-iac/action.yml ] || fail "the package has no action.yml (uses: ./node_modules/acr-iac)"
set +e
ado="$(node node_modules/acr-iac/dist/examples/azure-devops/pr-comment.js comment.md 2>&1)"; code=$?
set -e
[ "$code" = 1 ] && [[ "$ado" == *"SYSTEM_ACCESSTOKEN is not set"* ]] || fail "the Azure DevOps comment script: exit $code, $ado"
set +e
missing="$("$bin" check --pulumi dev 2>&1)"; code=$?
set -e
[ "$code" = 2 ] && [[ "$missing" == *"needs @pulumi/pulumi, which is not installed: npm install"* ]] || fail "check --pulumi without Pulumi: exit $code, $missing"

step "add the Pulumi engine"
npm_install --save-dev $(peer @pulumi/pulumi @pulumi/azure-native @pulumi/azure @pulumiverse/time)
npx tsc -p tsconfig.json --noEmit false --outDir build || fail "the whole starter does not compile"
node build/pulumi/program-under-mocks.js
"$bin" check --pulumi dev >pulumi.txt || fail "acr-iac check --pulumi dev exited $?"
grep -q 'PASSED: no mandatory failure' pulumi.txt || fail "check --pulumi did not pass"

echo "consumer test passed"
