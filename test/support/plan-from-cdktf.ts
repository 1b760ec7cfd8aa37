/**
 * A `terraform show -json` plan of a new stack, shaped the way Terraform writes one for a synthesized
 * cdk.tf.json (FACTS.md section 8): every managed resource a `create` step whose `after` holds what is
 * known at plan time; an attribute that refers to a resource of the same apply is `after_unknown`, with
 * its references in the configuration section; data sources are read at plan time, so they sit in
 * `prior_state` and references to them are known values.
 */

type Json = Record<string, unknown>;

/** Subscription the data sources are read in. */
const SUBSCRIPTION = '00000000-0000-0000-0000-000000000000';

const REFERENCE = /\$\{([^{}]+)\}/g;
// `data.type.name.attr` or `type.name.attr` inside an expression.
const ADDRESS = /\b((?:data\.)?[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)/g;

/** What a data source returns at plan time: its arguments and the computed ID of a registry. */
function dataValues(type: string, values: Json): Json {
  if (type === 'azurerm_container_registry')
    return {
      ...values,
      id: `/subscriptions/${SUBSCRIPTION}/resourceGroups/${String(values.resource_group_name)}/providers/Microsoft.ContainerRegistry/registries/${String(values.name)}`,
      login_server: `${String(values.name).toLowerCase()}.azurecr.io`,
    };
  return { id: `/subscriptions/${SUBSCRIPTION}/data/${type}`, ...values };
}

/** Resolves `${data.t.n.attr}` parts of a string when every part is a data source value. */
function withDataValues(text: string, data: ReadonlyMap<string, Json>): string | undefined {
  let resolved = true;
  const out = text.replace(REFERENCE, (whole, inner: string) => {
    const match = /^(data\.[a-z0-9_]+\.[A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)$/.exec(inner);
    const value = match ? data.get(match[1])?.[match[2]] : undefined;
    if (typeof value !== 'string') {
      resolved = false;
      return whole;
    }
    return value;
  });
  return resolved ? out : undefined;
}

/** References of an expression as Terraform lists them: `type.name.attr`, then `type.name`. */
function referencesOf(text: string): string[] {
  const refs: string[] = [];
  for (const [, address, attribute] of text.matchAll(ADDRESS)) {
    if (/^(var|local|each|count|path)\./.test(address)) continue;
    refs.push(`${address}.${attribute}`, address);
  }
  return refs;
}

interface Split {
  readonly after: unknown;
  readonly unknown: unknown;
  readonly expression: unknown;
}

/** Splits a configuration value into the planned value, its unknown marks and its expressions. */
function split(value: unknown, data: ReadonlyMap<string, Json>): Split {
  if (typeof value === 'string' && value.includes('${')) {
    const known = withDataValues(value, data);
    if (known !== undefined) return { after: known, unknown: false, expression: { constant_value: known } };
    const refs = referencesOf(value);
    return { after: undefined, unknown: true, expression: refs.length > 0 ? { references: refs } : {} };
  }
  if (Array.isArray(value)) {
    const parts = value.map((v) => split(v, data));
    return {
      after: parts.map((p) => p.after ?? null),
      unknown: parts.some((p) => p.unknown !== false) ? parts.map((p) => p.unknown) : false,
      expression: parts.map((p) => p.expression),
    };
  }
  if (typeof value === 'object' && value !== null) {
    const after: Json = {};
    const unknown: Json = {};
    const expression: Json = {};
    let anyUnknown = false;
    for (const [key, v] of Object.entries(value)) {
      const part = split(v, data);
      if (part.after !== undefined) after[key] = part.after;
      if (part.unknown !== false) {
        unknown[key] = part.unknown;
        anyUnknown = true;
      }
      expression[key] = part.expression;
    }
    return { after, unknown: anyUnknown ? unknown : false, expression };
  }
  return { after: value, unknown: false, expression: { constant_value: value } };
}

/** The plan of creating everything `doc` (a synthesized cdk.tf.json) declares. */
export function planFromCdktf(doc: Json): Json {
  const data = new Map<string, Json>();
  const prior: Json[] = [];
  for (const [type, byName] of Object.entries((doc.data ?? {}) as Record<string, Record<string, Json>>)) {
    for (const [name, raw] of Object.entries(byName)) {
      const { '//': _meta, ...values } = raw;
      const read = dataValues(type, values);
      data.set(`data.${type}.${name}`, read);
      prior.push({ address: `data.${type}.${name}`, mode: 'data', type, name, values: read });
    }
  }
  const changes: Json[] = [];
  const configuration: Json[] = [];
  for (const [type, byName] of Object.entries((doc.resource ?? {}) as Record<string, Record<string, Json>>)) {
    for (const [name, raw] of Object.entries(byName)) {
      const { '//': _meta, lifecycle: _lifecycle, depends_on: _deps, provider: _provider, ...values } = raw;
      const parts = split(values, data);
      changes.push({
        address: `${type}.${name}`,
        mode: 'managed',
        type,
        name,
        change: {
          actions: ['create'],
          before: null,
          after: parts.after,
          after_unknown: { id: true, ...((parts.unknown || {}) as Json) },
          before_sensitive: false,
          after_sensitive: {},
        },
      });
      configuration.push({
        address: `${type}.${name}`,
        mode: 'managed',
        type,
        name,
        expressions: parts.expression,
      });
    }
  }
  return {
    format_version: '1.2',
    terraform_version: '1.9.8',
    resource_changes: changes,
    prior_state: { format_version: '1.0', values: { root_module: { resources: prior } } },
    configuration: { root_module: { resources: configuration } },
  };
}
