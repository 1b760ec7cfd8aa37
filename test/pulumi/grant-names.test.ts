/**
 * Pulumi names of role assignments: Azure keeps one assignment per principal, role and scope, so a grant
 * keeps its URN and its `roleAssignmentName` when its repositories change (an update of its condition,
 * not a second assignment created before the first is deleted, which Azure refuses with 409
 * RoleAssignmentExists).
 */
import * as pulumi from '@pulumi/pulumi';
import { defineEstate } from '../../constructs/model/estate';
import { GrantError } from '../../constructs/model/roles';
import { Environment } from '../../constructs/pulumi/environment';
import type { EnvironmentDeclaration } from '../../constructs/model/declaration';
import type { PulumiResourceRecord } from '../../policies/inventory/pulumi-resources/build';
import { runUnderMocks } from '../../policies/inventory/pulumi-program/mocks';
import { PRINCIPAL, env } from '../support/declarations';
import { AZURE_NATIVE, ofType } from './helpers';

const READER_ID = 'b93aa761-3e63-49ed-ac28-beffa264f7ac';
const URN_PREFIX =
  'urn:pulumi:prod::acr-iac::acr-iac:index:Registry$azure-native:authorization:RoleAssignment::';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** An ABAC registry with a Repository Reader grant limited to `repositories` and a registry-wide grant. */
function limitedTo(repositories: string[]): EnvironmentDeclaration {
  return env('prod', {
    roleAssignmentMode: 'AbacRepositoryPermissions',
    roleAssignments: [
      { role: 'Container Registry Repository Reader', principalId: PRINCIPAL, repositories },
      { role: 'Container Registry Repository Catalog Lister', principalId: PRINCIPAL },
    ],
  });
}

interface Rendered {
  readonly assignments: readonly PulumiResourceRecord[];
  /** The resource options each role assignment was registered with, by name. */
  readonly options: ReadonlyMap<string, pulumi.CustomResourceOptions>;
}

/** Renders one environment under mocks, recording the options of every role assignment. */
async function render(
  declaration: EnvironmentDeclaration,
  extra?: (environment: Environment) => void,
): Promise<Rendered> {
  const environment = defineEstate({ environments: [declaration] }).environments[0];
  const options = new Map<string, pulumi.CustomResourceOptions>();
  const result = await runUnderMocks(
    () => {
      pulumi.runtime.registerStackTransformation((args) => {
        if (args.type === AZURE_NATIVE.roleAssignment) options.set(args.name, args.opts);
        return undefined;
      });
      const created = new Environment(environment.name, {
        environment,
        tokenPasswordsIssuedOn: '2026-01-01',
        propertiesSetOutside: ['roleAssignmentMode'],
      });
      extra?.(created);
    },
    { stack: environment.name },
  );
  return { assignments: ofType(result, AZURE_NATIVE.roleAssignment), options };
}

/** The aliases of an assignment that name another resource (azure-native adds its own, to older types). */
function renamedFrom(rendered: Rendered, name: string): unknown[] {
  const aliases = (rendered.options.get(name)?.aliases ?? []) as unknown[];
  return aliases.filter((a) => typeof a === 'object' && a !== null && 'name' in a);
}

function reader(rendered: Rendered): PulumiResourceRecord {
  const found = rendered.assignments.filter((a) => String(a.inputs.roleDefinitionId).endsWith(READER_ID));
  expect(found).toHaveLength(1);
  return found[0];
}

describe('role assignment names', () => {
  let one: Rendered;
  let two: Rendered;
  beforeAll(async () => {
    one = await render(limitedTo(['a']));
    two = await render(limitedTo(['a', 'b']));
  });

  it('keeps the URN and roleAssignmentName of a limited grant when its repositories change', () => {
    const before = reader(one);
    const after = reader(two);
    expect(after.urn).toBe(`${URN_PREFIX}acrprodtest-RepositoryReader-${PRINCIPAL}`);
    expect(after.urn).toBe(before.urn);
    expect(after.inputs.roleAssignmentName).toMatch(GUID);
    expect(after.inputs.roleAssignmentName).toBe(before.inputs.roleAssignmentName);
    expect(after.inputs.condition).not.toEqual(before.inputs.condition);
    expect(after.inputs.condition).toContain("StringEqualsIgnoreCase 'b'");
    const { condition: _before, ...restBefore } = before.inputs;
    const { condition: _after, ...restAfter } = after.inputs;
    expect(restAfter).toEqual(restBefore);
  });

  it('aliases a limited grant to the name it had when keyed by its condition', () => {
    // The names the previous release gave this grant (role slug, condition digest, principal).
    expect(renamedFrom(one, `acrprodtest-RepositoryReader-${PRINCIPAL}`)).toEqual([
      { name: `acrprodtest-RepositoryReader-3dfd8d57-${PRINCIPAL}` },
    ]);
    expect(renamedFrom(two, `acrprodtest-RepositoryReader-${PRINCIPAL}`)).toEqual([
      { name: `acrprodtest-RepositoryReader-6dbd69e4-${PRINCIPAL}` },
    ]);
  });

  it('keeps the URN a registry-wide grant had in the previous release, with no alias', () => {
    const lister = one.assignments.find((a) => a !== reader(one))!;
    expect(lister.urn).toBe(`${URN_PREFIX}acrprodtest-RepositoryCatalogLister-${PRINCIPAL}`);
    expect(renamedFrom(one, lister.name)).toEqual([]);
  });

  it('gives each assignment its own name, and keeps the name Azure gave one made before', () => {
    const names = one.assignments.map((a) => a.inputs.roleAssignmentName);
    expect(new Set(names).size).toBe(names.length);
    for (const assignment of one.assignments)
      expect(one.options.get(assignment.name)).toMatchObject({
        ignoreChanges: ['roleAssignmentName'],
        deleteBeforeReplace: true,
      });
  });

  it('refuses the same role to the same principal with other repositories', async () => {
    await expect(
      render(limitedTo(['a']), (environment) =>
        environment.registry.grantPull({ principalId: PRINCIPAL }, { repositories: ['b'] }),
      ),
    ).rejects.toThrow(
      new GrantError(
        `"${PRINCIPAL}" already has Container Registry Repository Reader on acrprodtest (limited to other repositories): Azure keeps one assignment per principal, role and registry, whatever its repositories. Fix: grant the role once, listing every repository the principal needs (or none for the whole registry)`,
      ),
    );
    const same = await render(limitedTo(['a']), (environment) =>
      environment.registry.grantPull({ principalId: PRINCIPAL }, { repositories: ['a'] }),
    );
    expect(same.assignments).toHaveLength(2);
  });
});
