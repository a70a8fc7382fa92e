// The facts of one desktop-flow script, rule-agnostic and pure: variables and their assignments,
// sensitivity, the string literals in value positions, which keys reach an argument of each role (and
// through which variable), what holds a secret and why, the inputs that are secrets, and the fields
// text is typed into (typedFields). Computed once per Script (WeakMap) and shared by the desktop-flow
// rules, the fixes and the language server.
import type { Script } from '../../model/types';
import { secretNameStrength } from '../shared/vocabulary';
import type { ArgRole } from './catalog';
import { ScriptCollector, TypedField } from './collect';
import { FlowGraph } from './flow';
import { rememberMessageOnlyVariables } from './message-uses';
import { isLiteralValue, isTrivialValue } from './references';
import { Key, keyString, LiteralUse, parseKey, ScriptFacts, ScriptSource, SecretInput, SecretReason, Witness } from './types';

const cache = new WeakMap<Script, ScriptFacts>();
const typedFieldsCache = new WeakMap<ScriptFacts, TypedField[]>();

/** Text typed into UI and terminal fields, in document order, with the role decided for it and the field's form. */
export function typedFields(facts: ScriptFacts): readonly TypedField[] {
  return typedFieldsCache.get(facts) ?? [];
}

export function scriptFacts(source: ScriptSource): ScriptFacts {
  let facts = cache.get(source.script);
  if (!facts) {
    facts = computeFacts(source);
    cache.set(source.script, facts);
  }
  return facts;
}

function computeFacts(source: ScriptSource): ScriptFacts {
  const ast = source.script.ast;
  const c = new ScriptCollector(source).collect();
  rememberMessageOnlyVariables(source.script, c.messageOnlyVariables());
  const graph = new FlowGraph(c.edges, c.variables);

  const sensitive = new Set<string>((ast.sensitive?.names ?? []).map(n => n.name.toLowerCase()));
  const df = source.desktopFlow;
  for (const v of [...(df?.inputs ?? []), ...(df?.outputs ?? [])]) if (v.sensitive) sensitive.add(v.name.toLowerCase());

  // Roles from meaning: a password role that only a field's label or selector gives does not go to a
  // value that is a user name elsewhere (given to a Username argument, typed into a user-name field).
  const userReach = graph.backward(c.sinkUses.get('user') ?? []);
  const secretSinks = c.sinkUses.get('secret');
  if (secretSinks) c.sinkUses.set('secret', secretSinks.filter(u => !u.byLabel || !userReach.has(keyString(u.key))));

  // Backward: which variables (and properties) reach an argument of each role.
  const reach = new Map<ArgRole, Map<string, Witness>>();
  for (const [role, uses] of c.sinkUses) reach.set(role, role === 'user' ? userReach : graph.backward(uses));
  const secretReach = reach.get('secret') ?? new Map<string, Witness>();

  // Secret inputs: by name, by sensitivity with a secret-ish name, by reaching a secret argument.
  const secretInputs = new Map<string, SecretInput>();
  for (const d of ast.declarations) {
    if (d.direction !== 'input') continue;
    const k = d.name.toLowerCase();
    const strength = secretNameStrength(d.name);
    const witness = reachOfVariable(secretReach, k);
    const dv = d.defaultValue;
    const literalDefault = !!dv && !isTrivialValue(dv) && isLiteralValue(dv);
    if (strength === 'strong') secretInputs.set(k, { decl: d, why: 'name', witness, literalDefault });
    else if (witness) secretInputs.set(k, { decl: d, why: 'sink', witness, literalDefault });
    else if (strength === 'weak' && sensitive.has(k)) secretInputs.set(k, { decl: d, why: 'sensitive-name', literalDefault });
  }

  // Forward: what holds a secret. Seeds in order of how telling their reason is: a variable built
  // from a CyberArk password is reported as such, not as "used as Password".
  const sourceSeeds: Array<{ key: Key; reason: SecretReason }> = [...c.sources];
  for (const [k, si] of secretInputs) if (si.why !== 'sink') sourceSeeds.push({ key: { v: k }, reason: { kind: 'input' } });
  const sinkSeeds: Array<{ key: Key; reason: SecretReason }> = [];
  // Inputs that reach a secret argument are seeded by what they reach (a property, or the whole value).
  for (const [ks, witness] of secretReach) sinkSeeds.push({ key: parseKey(ks), reason: { kind: 'sink', witness } });
  const nameSeeds: Array<{ key: Key; reason: SecretReason }> = [];
  for (const r of c.secretPropertyReads) nameSeeds.push({ key: r.key, reason: { kind: 'property', property: r.property } });
  for (const [k, info] of c.variables) {
    if (!info.onlyTrivialValues && secretNameStrength(info.name) === 'strong') nameSeeds.push({ key: { v: k }, reason: { kind: 'name' } });
  }
  const secrets = graph.forward([sourceSeeds, sinkSeeds, nameSeeds], c.autoSensitive);
  const secretByVar = firstByVariable(secrets);

  // Holders of the secret value (what pad/sensitive-not-marked reports). The same seeds, each either a
  // holder or a container of the value: a key the secret argument reaches only through a value read out
  // of it (FreightConfig of `SET Pwd TO FreightConfig['hub']['password']`, and ConfigJson it was
  // converted from) is a container; so is a property whose value is stored in another variable before it
  // reaches the argument (TokenObject['access_token'] copied into Output_Token). A property read straight
  // into the argument (`Password: Config['password']`) leaves no other variable to point at: the
  // container holds it. Secret inputs and secret sources are holders whole, as are their copies; a
  // container the author marked sensitive is a secret, and so are its copies and conversions
  // (TokenObject converted from a sensitive TokenResponse), but not the other values read out of it.
  const secretUses = c.sinkUses.get('secret') ?? [];
  const exactReach = graph.backward(secretUses, true);
  // A property at a secret position of a text that is stored (`SET Conn TO $'''Password=%Cfg['pwd']%'''`)
  // is not read straight into an argument: Conn holds it (seeded below).
  const directProperties = new Set(secretUses.filter(u => u.key.p !== undefined && !u.stored).map(u => keyString(u.key)));
  // A column of a data row (a LOOP FOREACH element) read straight into a secret argument is a datum of
  // the record (an employee's birth date as the PDF password), not a credential the row holds, unless
  // its name says it is one (`Account['Password']`).
  const secretNamedProperties = new Set(c.secretPropertyReads.map(r => keyString(r.key)));
  const rowDatum = (key: Key) => key.p !== undefined && c.rowVariables.has(key.v) && !secretNamedProperties.has(keyString(key)) && !secretNameStrength(key.p);
  const holderSinkSeeds = [...secretReach].map(([ks, witness]) => {
    const key = parseKey(ks);
    const holds = secretInputs.has(key.v) || (exactReach.has(ks) && (key.p === undefined || (directProperties.has(ks) && !rowDatum(key))));
    return { key, reason: { kind: 'sink', witness } as SecretReason, level: holds ? 3 as const : 1 as const };
  });
  for (const b of c.builtInSecrets) {
    const from = c.variables.get(b.from.v)?.name ?? b.from.v;
    holderSinkSeeds.push({ key: b.into, reason: { kind: 'derived', from: b.from.p !== undefined ? `${from}.${b.from.pn ?? b.from.p}` : from }, level: 3 });
  }
  const readInline = new Set(c.secretPropertyReads.filter(r => !r.stored).map(r => keyString(r.key)));
  const holderNameSeeds = nameSeeds.map(s => ({ ...s, level: s.key.p === undefined || secretInputs.has(s.key.v) || readInline.has(keyString(s.key)) ? 3 as const : 1 as const }));
  const holders = graph.holders([sourceSeeds.map(s => ({ ...s, level: 3 as const })), holderSinkSeeds, holderNameSeeds], sensitive);
  const holderByVar = firstByVariable(holders);

  const reachOf = (role: ArgRole, key: Key | undefined): Witness | undefined => {
    const r = reach.get(role);
    if (!r || !key) return undefined;
    return r.get(keyString(key)) ?? (key.p !== undefined ? r.get(key.v) : undefined);
  };
  const rolesByUse = new Map<LiteralUse, Map<ArgRole, Witness | undefined>>();
  const facts: ScriptFacts = {
    script: source.script,
    clipboard: source.script.clipboard,
    variables: c.variables,
    sensitive,
    autoSensitive: c.autoSensitive,
    literals: c.literals,
    reach,
    secrets,
    holders,
    secretInputs,
    displayName: key => c.variables.get(key)?.name ?? key,
    secretKeysOf: v => (secretInputs.has(v) ? secrets.get(v) ?? secretByVar.get(v) : holders.get(v) ?? holderByVar.get(v)),
    reachOf,
    rolesOf: use => {
      // Asked by each value rule for every literal: one answer per literal.
      let roles = rolesByUse.get(use);
      if (!roles) rolesByUse.set(use, (roles = rolesOf(use, reach, reachOf)));
      return roles;
    },
  };
  typedFieldsCache.set(facts, c.typedFields);
  return facts;
}

/** The first reason found for each variable (itself or one of its properties). */
function firstByVariable(map: Map<string, SecretReason>): Map<string, SecretReason> {
  const out = new Map<string, SecretReason>();
  for (const [ks, r] of map) {
    const v = parseKey(ks).v;
    if (!out.has(v)) out.set(v, r);
  }
  return out;
}

/** What a variable, or any of its properties, reaches (called once per @INPUT declaration: a handful per flow). */
function reachOfVariable(reach: Map<string, Witness>, v: string): Witness | undefined {
  const w = reach.get(v);
  if (w) return w;
  for (const [ks, wit] of reach) if (ks.startsWith(`${v}\u0000`)) return wit;
  return undefined;
}

function rolesOf(use: LiteralUse, reach: Map<ArgRole, Map<string, Witness>>, reachOf: ScriptFacts['reachOf']): Map<ArgRole, Witness | undefined> {
  const roles = new Map<ArgRole, Witness | undefined>();
  if (use.ctx.kind === 'arg' && use.ctx.role) roles.set(use.ctx.role, undefined);
  if (use.target) {
    for (const role of reach.keys()) {
      if (roles.has(role)) continue;
      const w = reachOf(role, use.target);
      if (w) roles.set(role, w);
    }
  }
  return roles;
}
