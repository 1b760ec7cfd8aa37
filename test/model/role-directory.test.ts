/**
 * The role directory against Microsoft's published roles: every role's ID and what it can do, written
 * out here from Microsoft Learn ("Azure built-in roles", "Azure Container Registry roles directory
 * reference"), not read back from the code; the grant of each intent by mode; the ABAC condition in
 * Microsoft's documented form.
 */
import type { Ability, BuiltInRoleName } from '../../constructs/model/role-directory';
import {
  ABILITIES,
  BUILT_IN_ROLE_NAMES,
  ROLE_DIRECTORY,
  abilitiesFromPermissions,
  abilitiesIn,
  builtInRoleById,
  builtInRoleByName,
} from '../../constructs/model/role-directory';
import {
  GrantError,
  grantFor,
  notationSignGrant,
  repositoryCondition,
  roleGrant,
} from '../../constructs/model/roles';

/** Role, ID (Microsoft Learn "Azure built-in roles") and the abilities it has in some mode. */
const EXPECTED: readonly [BuiltInRoleName, string, readonly Ability[]][] = [
  ['AcrPull', '7f951dda-4ed3-4680-a7ca-43fe172d538d', ['pull', 'listCatalog']],
  ['AcrPush', '8311e382-0749-4cb8-b61a-304f252e45ec', ['pull', 'push', 'listCatalog']],
  ['AcrDelete', 'c2f4ef07-c644-48eb-af81-4b1b4947fb11', ['delete']],
  ['AcrImageSigner', '6cef56e8-d556-48e5-a04f-b8e64114680f', ['sign']],
  ['AcrQuarantineReader', 'cdda3590-29a3-44f6-95f2-9f980659eb04', ['quarantineRead']],
  ['AcrQuarantineWriter', 'c8d4ff99-41c3-41a8-9f60-21dfdad59608', ['quarantineRead', 'quarantineWrite']],
  ['Container Registry Repository Reader', 'b93aa761-3e63-49ed-ac28-beffa264f7ac', ['pull']],
  ['Container Registry Repository Writer', '2a1e307c-b015-4ebd-883e-5b7698a07328', ['pull', 'push']],
  [
    'Container Registry Repository Contributor',
    '2efddaa5-3f1f-4df3-97df-af3f13818f4c',
    ['pull', 'push', 'delete'],
  ],
  ['Container Registry Repository Catalog Lister', 'bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7', ['listCatalog']],
  [
    'Container Registry Data Importer and Data Reader',
    '577a9874-89fd-4f24-9dbd-b5034d0ad23a',
    ['pull', 'import', 'readRegistry', 'listCatalog'],
  ],
  [
    'Container Registry Tasks Contributor',
    'fb382eab-e894-4461-af04-94435c366c3f',
    ['readRegistry', 'runTasks'],
  ],
  [
    // Its actions include connectedRegistries/write: it can create a ReadWrite connected registry.
    'Container Registry Contributor and Data Access Configuration Administrator',
    '3bc748fc-213d-45c1-8d91-9da5725539b9',
    ['readRegistry', 'configure', 'ingest'],
  ],
  [
    'Container Registry Configuration Reader and Data Access Configuration Reader',
    '69b07be0-09bf-439a-b9a6-e73de851bd59',
    ['readRegistry'],
  ],
  ['Container Registry Cache Rule Administrator', 'df87f177-bb12-4db1-9793-a413691eff94', ['ingest']],
  ['Container Registry Cache Rule Reader', 'c357b964-0002-4b64-a50d-7a28f02edc52', []],
  ['Container Registry Credential Set Administrator', 'f094fb07-0703-4400-ad6a-e16dd8000e14', []],
  ['Container Registry Credential Set Reader', '29093635-9924-4f2c-913b-650a12949526', []],
  ['Container Registry Transfer Pipeline Contributor', 'bf94e731-3a51-4a7c-8c54-a1ab9971dfc1', ['ingest']],
  ['Owner', '8e3af657-a8ff-443c-a75c-2fe8c4bcb635', ABILITIES],
  ['Contributor', 'b24988ac-6180-42a0-ab88-20f7382dd24c', ABILITIES.filter((a) => a !== 'assignRoles')],
  [
    'Reader',
    'acdd72a7-3385-48ef-bd42-f606fba81ae7',
    ['pull', 'readRegistry', 'quarantineRead', 'listCatalog'],
  ],
  [
    'Role Based Access Control Administrator',
    'f58310d9-a9f6-439a-9e8d-f62e7b41a168',
    ['pull', 'readRegistry', 'quarantineRead', 'assignRoles', 'listCatalog'],
  ],
  [
    'User Access Administrator',
    '18d7d88d-d35e-4fb5-a5c3-7773c20a72d9',
    ['pull', 'readRegistry', 'quarantineRead', 'assignRoles', 'listCatalog'],
  ],
];

const on = (abilities: Readonly<Record<Ability, boolean>>): Ability[] =>
  ABILITIES.filter((a) => abilities[a]);

describe('role directory', () => {
  it('holds exactly the roles Microsoft publishes for registries, each with its ID', () => {
    expect([...BUILT_IN_ROLE_NAMES].sort()).toEqual(EXPECTED.map(([name]) => name).sort());
  });

  it.each(EXPECTED)('%s: ID %s and its abilities', (name, id, abilities) => {
    const role = ROLE_DIRECTORY[name];
    expect(role.id).toBe(id);
    expect(on(role.abilities)).toEqual(ABILITIES.filter((a) => abilities.includes(a)));
    expect(builtInRoleById(`/subscriptions/s/providers/Microsoft.Authorization/roleDefinitions/${id}`)).toBe(
      role,
    );
    expect(builtInRoleByName(name.toUpperCase())).toBe(role);
  });

  it('takes an ABAC condition only on the three repository roles', () => {
    expect(BUILT_IN_ROLE_NAMES.filter((n) => ROLE_DIRECTORY[n].takesCondition).sort()).toEqual([
      'Container Registry Repository Contributor',
      'Container Registry Repository Reader',
      'Container Registry Repository Writer',
    ]);
  });

  it('honors each role in its mode only: Owner keeps the control plane in ABAC mode, AcrPull nothing', () => {
    expect(on(abilitiesIn('Owner', 'AbacRepositoryPermissions'))).toEqual([
      'import',
      'readRegistry',
      'runTasks',
      'configure',
      'ingest',
      'assignRoles',
    ]);
    expect(on(abilitiesIn('AcrPull', 'AbacRepositoryPermissions'))).toEqual([]);
    expect(on(abilitiesIn('Container Registry Repository Reader', 'LegacyRegistryPermissions'))).toEqual([]);
    for (const mode of ['LegacyRegistryPermissions', 'AbacRepositoryPermissions'] as const)
      expect(abilitiesIn('Container Registry Data Importer and Data Reader', mode).pull).toBe(true);
  });

  it('derives a custom role from wildcards, NotActions and data actions', () => {
    const onlyImport = abilitiesFromPermissions({
      actions: ['Microsoft.ContainerRegistry/registries/importImage/action'],
    });
    expect(on(onlyImport)).toEqual(['import']);
    const everythingButPush = abilitiesFromPermissions({
      actions: ['Microsoft.ContainerRegistry/*'],
      notActions: [
        'microsoft.containerregistry/registries/PUSH/write',
        'Microsoft.ContainerRegistry/registries/tasks/*',
      ],
    });
    expect(everythingButPush.push).toBe(false);
    expect(everythingButPush.runTasks).toBe(true); // scheduleRun/action is not excluded
    expect(everythingButPush.pull).toBe(true);
    // A `*` action does not grant data actions (ARM keeps the planes apart).
    expect(abilitiesFromPermissions({ actions: ['*'] }, 'AbacRepositoryPermissions').push).toBe(false);
    expect(
      abilitiesFromPermissions({
        actions: [],
        dataActions: ['Microsoft.ContainerRegistry/registries/repositories/*'],
      }).push,
    ).toBe(true);
  });
});

describe('grants by mode', () => {
  const legacy = { mode: 'LegacyRegistryPermissions', trustPolicy: false } as const;
  const abac = { mode: 'AbacRepositoryPermissions', trustPolicy: false } as const;

  it('gives each intent the least role of the mode (Microsoft overview, scenarios per mode)', () => {
    const intents = ['pull', 'push', 'delete', 'sign', 'quarantineRead', 'quarantineWrite'] as const;
    expect(intents.map((i) => grantFor(i, legacy).role)).toEqual([
      'AcrPull',
      'AcrPush',
      'AcrDelete',
      'AcrPush',
      'AcrQuarantineReader',
      'AcrQuarantineWriter',
    ]);
    expect(intents.map((i) => grantFor(i, abac).role)).toEqual([
      'Container Registry Repository Reader',
      'Container Registry Repository Writer',
      'Container Registry Repository Contributor',
      'Container Registry Repository Writer',
      'AcrQuarantineReader',
      'AcrQuarantineWriter',
    ]);
    expect(grantFor('sign', { ...legacy, trustPolicy: true }).role).toBe('AcrImageSigner');
    expect(notationSignGrant({ ...legacy, trustPolicy: true }).role).toBe('AcrPush');
  });

  it('writes the condition in the documented form, prefixes with their trailing slash', () => {
    // Microsoft Learn, ABAC repository permissions: "!(ActionMatches{...}) ... OR (@Request[...
    // repositories:name] StringStartsWithIgnoreCase 'backend/')".
    expect(repositoryCondition('Container Registry Repository Reader', ['backend/*', 'nginx'])).toBe(
      "((!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/metadata/read'}) AND " +
        "!(ActionMatches{'Microsoft.ContainerRegistry/registries/repositories/content/read'})) OR " +
        "(@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringStartsWithIgnoreCase 'backend/' OR " +
        "@Request[Microsoft.ContainerRegistry/registries/repositories:name] StringEqualsIgnoreCase 'nginx'))",
    );
    expect(grantFor('push', abac, { repositories: ['apps/*'] }).condition).toContain(
      "'Microsoft.ContainerRegistry/registries/repositories/content/write'",
    );
    expect(grantFor('pull', abac, { repositories: ['*'] })).toEqual({
      role: 'Container Registry Repository Reader',
    });
  });

  it('refuses repository scoping where Azure would not honor it', () => {
    expect(() => grantFor('pull', legacy, { repositories: ['apps/*'] })).toThrow(GrantError);
    expect(() => grantFor('pull', legacy, { repositories: ['apps/*'] })).toThrow(/AbacRepositoryPermissions/);
    expect(() =>
      roleGrant('Container Registry Tasks Contributor', 'AbacRepositoryPermissions', { repositories: ['a'] }),
    ).toThrow(/takes no repository condition/);
    expect(() => grantFor('pull', abac, { repositories: ['apps*'] })).toThrow(/not a repository/);
    expect(() => grantFor('sign', { ...abac, trustPolicy: true })).toThrow(/not supported/);
  });
});
