// Readable names for what fixes create: environment variables, flow parameters, desktop-flow inputs,
// credential variables, actions. Deterministic, so applying a fix twice yields the same names.
import { createHash } from 'node:crypto';
import { FixError } from './change';

/** Splits `Get_invoice_properties`, `InvoiceSiteUrl`, `ERPAuditLog`, `x-api-key` into words. */
export function wordsOf(name: string): string[] {
  return name
    .normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** `Get Invoice Properties` (each word capitalised, acronyms kept). */
export function titleCase(words: string[]): string {
  return words.map(w => w[0].toUpperCase() + w.slice(1)).join(' ');
}

/** `GetInvoiceProperties`. */
export function pascalCase(words: string[]): string {
  return words.map(w => w[0].toUpperCase() + w.slice(1)).join('');
}

/** A valid schema-name body (letters, digits; starts with a letter), at most `max` characters. */
export function schemaBody(words: string[], max = 60): string {
  let s = pascalCase(words).replace(/[^A-Za-z0-9]/g, '');
  if (!/^[A-Za-z]/.test(s)) s = `V${s}`;
  return s.slice(0, max);
}

/** The first of base, base2, base3… that `taken` (case-insensitive) does not hold. */
export function unique(base: string, taken: (name: string) => boolean, separator = ''): string {
  if (!taken(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}${separator}${n}`;
    if (!taken(candidate)) return candidate;
  }
}

/** A GUID derived from a seed (stable across runs, so fixes are reproducible). */
export function stableGuid(seed: string): string {
  const h = createHash('sha1').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Five hex characters derived from a seed, like the suffix of exported connection reference names. */
export function stableSuffix(seed: string): string {
  return createHash('sha1').update(seed).digest('hex').slice(0, 5);
}

/** Noun for what a cloud literal is (from the rule's kind), for environment variable names. */
export function cloudKindNoun(kind: string | undefined, parameter: string | undefined): string[] {
  switch (kind) {
    case 'sharepoint-site': return ['Site'];
    case 'sharepoint-list': return ['List'];
    case 'excel-location': return ['Location'];
    case 'dataverse-org': return ['Environment'];
    case 'environment-id': return ['Environment', 'Id'];
    case 'teams-team': return ['Team'];
    case 'teams-channel': return ['Channel'];
    case 'path': return ['Path'];
    case 'url': return ['URL'];
    case 'unc': return ['Share'];
    case 'server': case 'connection-string': return ['Server'];
    case 'machine': return ['Machine'];
    default: {
      const last = (parameter ?? '').split('/').filter(Boolean).pop() ?? '';
      const w = wordsOf(last.replace(/^item\//, ''));
      return w.length ? w : ['Value'];
    }
  }
}

/** Noun for a secret (from the rule's `secret`/`kind`), for Secret environment variable names. */
export function secretNoun(what: string | undefined): string[] {
  const w = (what ?? '').toLowerCase();
  if (/client secret/.test(w)) return ['Client', 'Secret'];
  if (/api key/.test(w)) return ['API', 'Key'];
  if (/access key|storage/.test(w)) return ['Access', 'Key'];
  if (/password/.test(w)) return ['Password'];
  if (/token/.test(w)) return ['Token'];
  if (/signature/.test(w)) return ['Signature'];
  if (/key/.test(w)) return ['Key'];
  if (/credential/.test(w)) return ['Credential'];
  return ['Secret'];
}

// ---------------------------------------------------------------------------------------------
// Dataverse's own naming rules, checked before a name becomes a path or is written into XML: a
// publisher prefix read from a repository is input like any other (`../../x` or `a"b` must not
// reach the disk or the markup).

const PREFIX = /^[A-Za-z][A-Za-z0-9]{1,7}$/;
const SCHEMA_NAME = /^[A-Za-z][A-Za-z0-9]{1,7}_[A-Za-z0-9_]+$/;
const MAX_SCHEMA_NAME = 100;

/** A name for messages: quoted, control characters escaped, cut short. */
function shown(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}…` : name);
}

/** A publisher customization prefix: 2–8 letters or digits, starting with a letter, not starting with `mscrm`. */
export function assertPublisherPrefix(prefix: string): string {
  if (!PREFIX.test(prefix) || /^mscrm/i.test(prefix)) {
    throw new FixError(`the publisher's customization prefix ${shown(prefix)} is not a valid Dataverse prefix (2 to 8 letters or digits, starting with a letter, not "mscrm"): FlowCop creates no component named after it; correct <CustomizationPrefix> in Solution.xml`);
  }
  return prefix;
}

/** A schema name `<prefix>_<letters, digits, underscores>`, at most 100 characters. */
export function assertSchemaName(name: string): string {
  const prefix = name.slice(0, Math.max(0, name.indexOf('_')));
  if (name.length <= MAX_SCHEMA_NAME && SCHEMA_NAME.test(name) && !/^mscrm/i.test(prefix) && /[A-Za-z0-9]/.test(name.slice(prefix.length + 1))) return name;
  throw new FixError(`${shown(name)} is not a valid Dataverse schema name (<prefix>_ then letters, digits and underscores, at most ${MAX_SCHEMA_NAME} characters)`);
}

/** A logical name: a valid schema name in lower case. */
export function assertLogicalName(name: string): string {
  assertSchemaName(name);
  if (name !== name.toLowerCase()) throw new FixError(`${shown(name)} is not a valid Dataverse logical name (the lower-case form of a schema name)`);
  return name;
}

// ---------------------------------------------------------------------------------------------
// Names taken within one `--fix` round: fixes are planned against the same analysis, so two of them
// would otherwise pick the same new name (two variables `cnt_GetItemsSite`, two inputs
// `Input_Folder` in one script). A fix claims what it creates while its change is built; the round
// gives the claims back when that change is not taken.

export class NameReservations {
  private readonly claims: Array<{ scope: string; name: string }> = [];
  private readonly held = new Set<string>();

  private static key(scope: string, name: string): string {
    return `${scope}\u0000${name.toLowerCase()}`;
  }

  /** Whether `name` (case-insensitive) is claimed in `scope` (e.g. `schema:<solution root>`). */
  has(scope: string, name: string): boolean {
    return this.held.has(NameReservations.key(scope, name));
  }

  claim(scope: string, name: string): void {
    const key = NameReservations.key(scope, name);
    if (this.held.has(key)) return;
    this.held.add(key);
    this.claims.push({ scope, name });
  }

  /** A point to roll back to. */
  mark(): number {
    return this.claims.length;
  }

  /** Gives back every claim made since `mark`. */
  rollback(mark: number): void {
    for (const c of this.claims.splice(mark)) this.held.delete(NameReservations.key(c.scope, c.name));
  }
}
