/**
 * Terraform resource instance addresses as plans spell them (Terraform's `addrs` package):
 * `module.<name>[<key>]` steps, an optional `data.`, then `<type>.<name>[<key>]`, where a key is a
 * number (`count`) or a quoted string (`for_each`), e.g. `module.acr["prod"].azurerm_container_registry.this[0]`.
 */

/** One parsed address. */
export interface ResourceAddress {
  /** The module instance, e.g. `module.acr["prod"]`; `''` for the root module. */
  readonly module: string;
  readonly mode: 'managed' | 'data';
  readonly type: string;
  readonly name: string;
  /** The instance key as written (`[0]`, `["a"]`), or `''`. */
  readonly key: string;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_-]*/;

/** Reads an instance key (`[0]`, `["k"]`) at `at`; returns its text, or undefined if none or malformed. */
function keyAt(address: string, at: number): string | undefined {
  if (address[at] !== '[') return '';
  if (address[at + 1] === '"') {
    let i = at + 2;
    for (; i < address.length; i += 1) {
      if (address[i] === '\\') i += 1;
      else if (address[i] === '"') break;
    }
    if (i >= address.length || address[i + 1] !== ']') return undefined;
    return address.slice(at, i + 2);
  }
  const digits = /^\[(\d+)\]/.exec(address.slice(at, at + 24));
  return digits ? digits[0] : undefined;
}

/** Parses a resource instance address; undefined when it is not one. */
export function parseResourceAddress(address: string): ResourceAddress | undefined {
  let at = 0;
  let module = '';
  const word = (): string | undefined => {
    const match = IDENTIFIER.exec(address.slice(at, at + 256));
    if (!match) return undefined;
    at += match[0].length;
    return match[0];
  };
  for (;;) {
    const start = at;
    const first = word();
    if (first === undefined) return undefined;
    if (first === 'module' && address[at] === '.') {
      at += 1;
      const name = word();
      if (name === undefined) return undefined;
      const key = keyAt(address, at);
      if (key === undefined || address[at + key.length] !== '.') return undefined;
      at += key.length + 1;
      module = address.slice(0, at - 1);
      continue;
    }
    at = start;
    break;
  }
  let mode: 'managed' | 'data' = 'managed';
  if (address.startsWith('data.', at)) {
    mode = 'data';
    at += 5;
  }
  const type = word();
  if (type === undefined || address[at] !== '.') return undefined;
  at += 1;
  const name = word();
  if (name === undefined) return undefined;
  const key = keyAt(address, at);
  if (key === undefined || at + key.length !== address.length) return undefined;
  return { module, mode, type, name, key };
}

/** `text` without instance keys: `module.a["x"].module.b[0].` -> `module.a.module.b.`. */
export function withoutInstanceKeys(text: string): string {
  return text.replace(/\[(?:\d+|"(?:[^"\\]|\\.)*")\]/g, '');
}

/** Removes every instance key: `module.a["x"].t.n[0]` -> `module.a.t.n` (how `configuration` names it). */
export function configAddressOf(address: ResourceAddress): string {
  const module = withoutInstanceKeys(address.module);
  const own = `${address.mode === 'data' ? 'data.' : ''}${address.type}.${address.name}`;
  return module === '' ? own : `${module}.${own}`;
}
