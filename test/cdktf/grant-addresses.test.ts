/**
 * Terraform addresses of role assignments: Azure keeps one assignment per principal, role and scope,
 * so a grant keeps its address when its repositories change (Terraform updates its condition instead of
 * creating a second assignment beside the first, which Azure refuses with 409 RoleAssignmentExists).
 */
import type { StackJson } from '../support/cdktf';
import { synthOne } from '../support/cdktf';
import { PRINCIPAL, env } from '../support/declarations';

const READER = 'Container Registry Repository Reader';

/** An ABAC registry with a Repository Reader grant limited to `repositories` and a registry-wide grant. */
function limitedTo(repositories: string[]): StackJson {
  return synthOne(
    env('prod', {
      roleAssignmentMode: 'AbacRepositoryPermissions',
      roleAssignments: [
        { role: READER, principalId: PRINCIPAL, repositories },
        { role: 'Container Registry Repository Catalog Lister', principalId: PRINCIPAL },
      ],
    }),
  );
}

function assignments(stack: StackJson): Record<string, Record<string, unknown>> {
  return stack.resource.azurerm_role_assignment;
}

function readerAddress(stack: StackJson): string {
  const [address, ...others] = Object.keys(assignments(stack)).filter(
    (k) => assignments(stack)[k].role_definition_name === READER,
  );
  expect(others).toEqual([]);
  return address;
}

describe('role assignment addresses', () => {
  const one = limitedTo(['a']);
  const two = limitedTo(['a', 'b']);

  it('keeps the address of a limited grant when its repositories change: only the condition changes', () => {
    const address = readerAddress(one);
    expect(readerAddress(two)).toBe(address);
    const { condition: before, ...restBefore } = assignments(one)[address];
    const { condition: after, ...restAfter } = assignments(two)[address];
    expect(before).not.toEqual(after);
    expect(after).toContain("StringEqualsIgnoreCase 'b'");
    expect(restAfter).toEqual(restBefore);
    expect(Object.keys(assignments(two)).sort()).toEqual(Object.keys(assignments(one)).sort());
  });

  it('moves a limited grant from the address it had when keyed by its condition', () => {
    // The addresses the previous release gave these grants (role slug, condition digest, principal).
    const previous = {
      a: 'azurerm_role_assignment.registry_RepositoryReader-3dfd8d57-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_B8AAA6E4',
      ab: 'azurerm_role_assignment.registry_RepositoryReader-6dbd69e4-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_9CF6547F',
    };
    const to = `azurerm_role_assignment.${readerAddress(one)}`;
    expect(one.moved).toEqual([{ from: previous.a, to }]);
    expect(two.moved).toEqual([{ from: previous.ab, to }]);
  });

  it('keeps the address a registry-wide grant had in the previous release, with no move', () => {
    expect(Object.keys(assignments(one))).toContain(
      'registry_RepositoryCatalogLister-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_8F8C5FE9',
    );
    const stack = synthOne(env('prod', { roleAssignments: [{ role: 'AcrPull', principalId: PRINCIPAL }] }));
    expect(Object.keys(assignments(stack))).toEqual([
      'registry_AcrPull-aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee_59D97E15',
    ]);
    expect(stack.moved).toBeUndefined();
  });
});
