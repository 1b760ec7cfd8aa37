/**
 * Token passwords whose token the input does not declare (azurerm v4
 * `azurerm_container_registry_token_password` with `container_registry_token_id` a variable, a data
 * source, a module output or the ID of a token in another state): ACR-022 judges each password on
 * its own (no `expiry`: it never expires; an expiry, literal or from `time_rotating`: it expires; an
 * expiry it cannot read: unknown), on the registry the token ID names when that is the input's; the
 * rules about a token's scope (ACR-023, ACR-025's token count, the push rules) give no verdict on
 * it, since the token and its scope map are judged where they are declared. Written from azurerm v4
 * semantics, in both Terraform JSON body forms and as a plan.
 */
import type { EvaluationResult, Finding, Inventory } from '../../policies';
import {
  evaluate,
  inventoryFromPlanJson,
  inventoryFromTerraformJson,
  resolvePolicyConfig,
} from '../../policies';

type Json = Record<string, unknown>;

const SUB = '/subscriptions/00000000-0000-0000-0000-000000000000';
const registryId = (name: string): string =>
  `${SUB}/resourceGroups/rg-${name}/providers/Microsoft.ContainerRegistry/registries/${name}`;
const PASSWORD = 'azurerm_container_registry_token_password.pw';

const REGISTRY: Json = {
  name: 'contosoacrprod',
  resource_group_name: 'rg-contosoacrprod',
  location: 'westeurope',
  sku: 'Premium',
  public_network_access_enabled: false,
};

/** A root module: the registry, the token password `pw` with `password`, and `extra` resources. */
function rootModule(password: Json, variable: Json = {}, extra: Json = {}): Json {
  return {
    variable,
    resource: {
      azurerm_container_registry: { acr: REGISTRY },
      azurerm_container_registry_token_password: { pw: password },
      ...extra,
    },
  };
}

/** The same document with every resource body and nested block in the array form (`"pw": [{...}]`). */
function arrayForm(doc: Json): Json {
  const blocks = (body: Json): Json =>
    Object.fromEntries(
      Object.entries(body).map(([k, v]) =>
        typeof v === 'object' && v !== null && !Array.isArray(v) ? [k, [blocks(v as Json)]] : [k, v],
      ),
    );
  const resource = doc.resource as Record<string, Record<string, Json>>;
  return {
    ...doc,
    resource: Object.fromEntries(
      Object.entries(resource).map(([type, byName]) => [
        type,
        Object.fromEntries(Object.entries(byName).map(([name, body]) => [name, [blocks(body)]])),
      ]),
    ),
  };
}

const FORMS: readonly [string, (doc: Json) => Json][] = [
  ['object form', (doc) => doc],
  ['array form', arrayForm],
];

function judge(inventories: readonly Inventory[], order = ['prod']): EvaluationResult {
  return evaluate(inventories, resolvePolicyConfig({ order }));
}

function inventory(doc: Json, env = 'prod'): Inventory {
  return inventoryFromTerraformJson(doc, env, `${env}/main.tf.json`);
}

/** `result: message` of one rule's findings at `address` (any address when omitted). */
function outcomes(findings: readonly Finding[], ruleId: string, address?: string): string[] {
  return findings
    .filter((f) => f.ruleId === ruleId && (address === undefined || f.location.address === address))
    .map((f) => `${f.result}: ${f.message}`);
}

/** The findings of the rules about tokens themselves, as `rule result address: message`. */
function tokenScopeFindings(result: EvaluationResult): string[] {
  return result.findings
    .filter((f) => ['ACR-023', 'ACR-024', 'ACR-025', 'ACR-105', 'ACR-121'].includes(f.ruleId))
    .map((f) => `${f.ruleId} ${f.result} ${f.location.address}: ${f.message}`);
}

const VARIABLE_ID = { token_id: { type: 'string' } };

describe.each(FORMS)('a token password whose token ID is a variable without a value (%s)', (_, form) => {
  const check = (password: Json, variable: Json = {}): EvaluationResult =>
    judge([
      inventory(
        form(
          rootModule(
            { container_registry_token_id: '${var.token_id}', ...password },
            { ...VARIABLE_ID, ...variable },
          ),
        ),
      ),
    ]);

  it('fails ACR-022 when a password has no expiry: it never expires', () => {
    const result = check({ password1: {} });
    expect(outcomes(result.findings, 'ACR-022', PASSWORD)).toEqual([
      `fail: password1 of token ${PASSWORD} never expires`,
    ]);
  });

  it('passes ACR-022 when the expiry is set, literally or by time_rotating', () => {
    expect(
      outcomes(check({ password1: { expiry: '2027-01-01T00:00:00Z' } }).findings, 'ACR-022', PASSWORD),
    ).toEqual([`pass: password1 of token ${PASSWORD} expires`]);
    const rotating = check({
      password1: { expiry: '${time_rotating.pw.rotation_rfc3339}' },
      password2: {},
    });
    expect(outcomes(rotating.findings, 'ACR-022', PASSWORD)).toEqual([
      `pass: password1 of token ${PASSWORD} expires`,
      `fail: password2 of token ${PASSWORD} never expires`,
    ]);
  });

  it('is unknown for ACR-022 when the expiry is a variable without a value, saying why', () => {
    const result = check({ password1: { expiry: '${var.expiry}' } }, { expiry: { type: 'string' } });
    expect(outcomes(result.findings, 'ACR-022', PASSWORD)).toEqual([
      expect.stringMatching(
        /^unknown: the expiry of password1 of token azurerm_container_registry_token_password\.pw is unknown: var\.expiry has no value/,
      ),
    ]);
  });

  it('makes ACR-022 unknown, not "not applicable", for a registry without tokens: the password may be its', () => {
    const result = check({ password1: {} });
    expect(outcomes(result.findings, 'ACR-022', 'azurerm_container_registry.acr')).toEqual([
      expect.stringMatching(
        /^unknown: whether contosoacrprod has tokens is not known: azurerm_container_registry_token_password\.pw may be attached to it: container_registry_token_id is unknown: var\.token_id has no value/,
      ),
    ]);
    expect(outcomes(result.findings, 'ACR-111', PASSWORD)).toEqual([
      expect.stringMatching(
        /^unknown: the registry of token password \(azurerm_container_registry_token_password\.pw\) is not decided: container_registry_token_id is unknown: var\.token_id/,
      ),
    ]);
  });

  it('gives no verdict of the rules about a token itself: the token is not in the input', () => {
    const result = check({ password1: {} });
    expect(outcomes(result.findings, 'ACR-023')).toEqual(['not-applicable: contosoacrprod has no tokens']);
    const without = judge([inventory(form({ resource: { azurerm_container_registry: { acr: REGISTRY } } }))]);
    expect(tokenScopeFindings(result)).toEqual(tokenScopeFindings(without));
  });
});

describe.each(FORMS)('a token password whose literal token ID names a registry (%s)', (_, form) => {
  const byId = (id: string, extra: Json = {}): EvaluationResult =>
    judge([inventory(form(rootModule({ container_registry_token_id: id, password1: {} }, {}, extra)))]);

  it("of another registry: fails ACR-022 on its own, and the input's registries have no tokens", () => {
    const result = byId(`${registryId('contosoacrshared')}/tokens/ci-pull`);
    const password = result.findings.filter((f) => f.ruleId === 'ACR-022' && f.location.address === PASSWORD);
    expect(password.map((f) => [f.result, f.message, f.registry])).toEqual([
      ['fail', 'password1 of token ci-pull never expires', 'contosoacrshared'],
    ]);
    expect(outcomes(result.findings, 'ACR-022', 'azurerm_container_registry.acr')).toEqual([
      'not-applicable: contosoacrprod has no tokens',
    ]);
    expect(outcomes(result.findings, 'ACR-111')).toEqual([]);
    expect(outcomes(result.findings, 'ACR-023')).toEqual(['not-applicable: contosoacrprod has no tokens']);
  });

  it("of the input's registry, a token declared elsewhere: ACR-022 judges it on that registry", () => {
    const result = byId(`${registryId('contosoacrprod')}/tokens/ci-pull`);
    const judged = result.findings.filter((f) => f.ruleId === 'ACR-022');
    expect(judged.map((f) => [f.result, f.message, f.registry, f.location.address])).toEqual([
      ['fail', 'password1 of token ci-pull never expires', 'contosoacrprod', PASSWORD],
    ]);
    expect(outcomes(result.findings, 'ACR-023')).toEqual(['not-applicable: contosoacrprod has no tokens']);
    expect(outcomes(result.findings, 'ACR-111')).toEqual([]);
    const without = judge([inventory(form({ resource: { azurerm_container_registry: { acr: REGISTRY } } }))]);
    expect(tokenScopeFindings(result)).toEqual(tokenScopeFindings(without));
  });

  it("of a token the input declares (names compared in any case): the password is that token's", () => {
    const token = {
      azurerm_container_registry_token: {
        ci: {
          name: 'ci-pull',
          container_registry_name: '${azurerm_container_registry.acr.name}',
          resource_group_name: 'rg-contosoacrprod',
          scope_map_id: `${registryId('contosoacrprod')}/scopeMaps/_repositories_pull`,
        },
      },
    };
    const result = byId(`${registryId('contosoacrprod')}/tokens/CI-Pull`, token);
    expect(outcomes(result.findings, 'ACR-022')).toEqual(['fail: password1 of token ci-pull never expires']);
    expect(outcomes(result.findings, 'ACR-023')).toEqual(['pass: token ci-pull can only read']);
  });

  it('with passwords it cannot read (a dynamic block over a variable): unknown, never a pass', () => {
    const result = judge([
      inventory(
        rootModule(
          {
            container_registry_token_id: `${registryId('contosoacrprod')}/tokens/ci-pull`,
            dynamic: { password1: { for_each: '${var.passwords}', content: {} } },
          },
          { passwords: { type: 'list(string)' } },
        ),
      ),
    ]);
    expect(outcomes(result.findings, 'ACR-022')).toEqual([
      'unknown: the passwords of token ci-pull cannot be read',
    ]);
  });

  it('by a variable with a default: the same as the literal', () => {
    const result = judge([
      inventory(
        form(
          rootModule(
            { container_registry_token_id: '${var.token_id}', password1: {} },
            { token_id: { type: 'string', default: `${registryId('contosoacrprod')}/tokens/ci-pull` } },
          ),
        ),
      ),
    ]);
    expect(outcomes(result.findings, 'ACR-022')).toEqual(['fail: password1 of token ci-pull never expires']);
  });
});

describe.each(FORMS)(
  'a token the input declares on a registry outside it, with its password (%s)',
  (_, form) => {
    const TOKEN = 'azurerm_container_registry_token.other';
    // The token is otheracr's, which the input does not hold: its scope is that registry's to judge,
    // but its password is declared here.
    const check = (password: Json): EvaluationResult =>
      judge([
        inventory(
          form(
            rootModule(
              { container_registry_token_id: '${azurerm_container_registry_token.other.id}', ...password },
              {},
              {
                azurerm_container_registry_token: {
                  other: {
                    name: 'ci-pull',
                    container_registry_name: 'otheracr',
                    resource_group_name: 'rg-other',
                    scope_map_id: `${registryId('otheracr')}/scopeMaps/_repositories_pull`,
                  },
                },
              },
            ),
          ),
        ),
      ]);

    it('fails ACR-022 on a password without expiry, passes one that expires', () => {
      expect(outcomes(check({ password1: {} }).findings, 'ACR-022', PASSWORD)).toEqual([
        'fail: password1 of token ci-pull never expires',
      ]);
      expect(
        outcomes(check({ password1: { expiry: '2027-01-01T00:00:00Z' } }).findings, 'ACR-022', PASSWORD),
      ).toEqual(['pass: password1 of token ci-pull expires']);
    });

    it("gives the token no verdict of the rules about a token itself here, and the input's registry has no tokens", () => {
      const result = check({ password1: {} });
      expect(tokenScopeFindings(result).filter((f) => f.includes(TOKEN) || f.includes(PASSWORD))).toEqual([]);
      expect(outcomes(result.findings, 'ACR-022', 'azurerm_container_registry.acr')).toEqual([
        'not-applicable: contosoacrprod has no tokens',
      ]);
    });
  },
);

describe('a token password whose token is a data source', () => {
  const check = (registry: string): EvaluationResult =>
    judge([
      inventory({
        ...rootModule(
          {
            container_registry_token_id: '${data.azurerm_container_registry_token.ci.id}',
            password1: { expiry: '2027-01-01T00:00:00Z' },
          },
          { registry: { type: 'string' } },
        ),
        data: {
          azurerm_container_registry_token: {
            ci: { name: 'ci-pull', container_registry_name: registry, resource_group_name: 'rg' },
          },
        },
      }),
    ]);

  it("on the input's registry: judged on it, by the data source's token name", () => {
    const judged = check('contosoacrprod').findings.filter((f) => f.ruleId === 'ACR-022');
    expect(judged.map((f) => [f.result, f.message, f.registry])).toEqual([
      ['pass', 'password1 of token ci-pull expires', 'contosoacrprod'],
    ]);
  });

  it('on a registry named by a variable without a value: judged on its own, the registry in doubt', () => {
    const result = check('${var.registry}');
    expect(outcomes(result.findings, 'ACR-022', PASSWORD)).toEqual([
      'pass: password1 of token ci-pull expires',
    ]);
    expect(outcomes(result.findings, 'ACR-022', 'azurerm_container_registry.acr')).toEqual([
      expect.stringMatching(/^unknown: whether contosoacrprod has tokens is not known: .*var\.registry/),
    ]);
    expect(outcomes(result.findings, 'ACR-023')).toEqual(['not-applicable: contosoacrprod has no tokens']);
  });
});

describe("a token password on a Basic registry at its tier's token limit", () => {
  it('does not count as a token of the registry (ACR-025)', () => {
    // Basic allows 100 tokens (Microsoft Learn, "Azure Container Registry service tiers").
    const tokens = Object.fromEntries(
      Array.from({ length: 100 }, (_, i) => [
        `t${i}`,
        {
          name: `token${i}`,
          container_registry_name: 'contosoacrprod',
          resource_group_name: 'rg-contosoacrprod',
          scope_map_id: `${registryId('contosoacrprod')}/scopeMaps/_repositories_pull`,
        },
      ]),
    );
    const basic = (password: Json | undefined): EvaluationResult => {
      const resource: Json = {
        azurerm_container_registry: {
          acr: { ...REGISTRY, sku: 'Basic', public_network_access_enabled: true },
        },
        azurerm_container_registry_token: tokens,
        ...(password ? { azurerm_container_registry_token_password: { pw: password } } : {}),
      };
      return judge([inventory({ variable: VARIABLE_ID, resource })]);
    };
    const without = outcomes(basic(undefined).findings, 'ACR-025');
    expect(without).toEqual(['pass: every setting of contosoacrprod is supported by Basic']);
    for (const id of ['${var.token_id}', `${registryId('contosoacrprod')}/tokens/declared-elsewhere`])
      expect(outcomes(basic({ container_registry_token_id: id, password1: {} }).findings, 'ACR-025')).toEqual(
        without,
      );
  });
});

describe('a token password in production whose token is not in the input, in a promotion chain', () => {
  it('gives no verdict of the push rules (ACR-024, ACR-105, ACR-121)', () => {
    const staging = inventory(
      {
        resource: {
          azurerm_container_registry: { acr: { ...REGISTRY, name: 'contosoacrstaging' } },
          azurerm_container_registry_token_password: {
            // Aimed at prod by ID from another stack, and one whose registry nobody can tell.
            prod: {
              container_registry_token_id: `${registryId('contosoacrprod')}/tokens/ci-push`,
              password1: {},
            },
            any: { container_registry_token_id: '${var.token_id}', password1: {} },
          },
        },
        variable: VARIABLE_ID,
      },
      'staging',
    );
    const prod = inventory(
      rootModule({ container_registry_token_id: '${var.token_id}', password1: {} }, VARIABLE_ID),
    );
    const bare = (env: string, name: string): Inventory =>
      inventory({ resource: { azurerm_container_registry: { acr: { ...REGISTRY, name } } } }, env);
    const order = ['staging', 'prod'];
    expect(tokenScopeFindings(judge([staging, prod], order))).toEqual(
      tokenScopeFindings(
        judge([bare('staging', 'contosoacrstaging'), bare('prod', 'contosoacrprod')], order),
      ),
    );
  });
});

describe('a plan with token passwords whose token is not in the plan', () => {
  const ACR_ID = registryId('contosoacrprod');

  function change(type: string, name: string, after: object, afterUnknown: object = {}): object {
    return {
      address: `${type}.${name}`,
      mode: 'managed',
      type,
      name,
      provider_name: 'registry.terraform.io/hashicorp/azurerm',
      change: { actions: ['create'], before: null, after, after_unknown: afterUnknown },
    };
  }

  function plan(passwords: readonly object[], configuration: readonly object[] = []): Inventory {
    const doc = {
      format_version: '1.2',
      terraform_version: '1.9.8',
      resource_changes: [
        change('azurerm_container_registry', 'acr', { ...REGISTRY, id: ACR_ID }),
        ...passwords,
      ],
      configuration: { root_module: { resources: configuration } },
    };
    return inventoryFromPlanJson(doc, 'prod', 'prod.plan.json');
  }

  it('judges a password whose token ID is known only after apply (a module output) on its own', () => {
    const result = judge([
      plan(
        [
          change(
            'azurerm_container_registry_token_password',
            'pw',
            { password1: [{ expiry: null }] },
            { id: true, container_registry_token_id: true, password1: [{ value: true }] },
          ),
        ],
        [
          {
            address: PASSWORD,
            mode: 'managed',
            type: 'azurerm_container_registry_token_password',
            name: 'pw',
            expressions: {
              container_registry_token_id: { references: ['module.tokens.ci_id', 'module.tokens'] },
            },
          },
        ],
      ),
    ]);
    expect(outcomes(result.findings, 'ACR-022', PASSWORD)).toEqual([
      `fail: password1 of token ${PASSWORD} never expires`,
    ]);
    expect(outcomes(result.findings, 'ACR-022', 'azurerm_container_registry.acr')).toEqual([
      expect.stringMatching(
        /^unknown: whether contosoacrprod has tokens is not known: .*container_registry_token_id is known only after apply/,
      ),
    ]);
    expect(outcomes(result.findings, 'ACR-023')).toEqual(['not-applicable: contosoacrprod has no tokens']);
  });

  it("judges a password of an existing token of the plan's registry, named by literal ID, on that registry", () => {
    const result = judge([
      plan([
        change(
          'azurerm_container_registry_token_password',
          'pw',
          {
            container_registry_token_id: `${ACR_ID}/tokens/ci-pull`,
            password1: [{ expiry: null }],
            password2: [{ expiry: '2027-01-01T00:00:00Z' }],
          },
          { id: true, password1: [{ value: true }], password2: [{ value: true }] },
        ),
      ]),
    ]);
    const judged = result.findings.filter((f) => f.ruleId === 'ACR-022');
    expect(judged.map((f) => [f.result, f.message, f.registry])).toEqual([
      ['fail', 'password1 of token ci-pull never expires', 'contosoacrprod'],
      ['pass', 'password2 of token ci-pull expires', 'contosoacrprod'],
    ]);
    expect(outcomes(result.findings, 'ACR-023')).toEqual(['not-applicable: contosoacrprod has no tokens']);
  });
});
