// The literal secrets of a desktop-flow script: text given to a secret-bearing argument or typed into
// a password field, the secret parts of connection strings, URLs, JSON, authorization headers, embedded
// scripts and command lines, secrets known by their shape, and literals stored in a variable that
// reaches a secret argument or is named like a secret. A fact of the script, not of a rule: the
// plaintext-secret rule reports these, and the Get credential fix names one credential per secret value
// from the whole set. Memoised per script's facts.
import {
  connectionKeyIs, CONNECTION_SECRET_KEYS, findStructuredSecrets, isPlaceholderSecret, parseConnectionString, StructuredSecret,
} from '../shared/values';
import { isSecretHeader, SECRET_JSON_KEYS, secretNameStrength } from '../shared/vocabulary';
import { argumentInfo } from './catalog';
import { flatSpan, hasInterp } from './flat';
import { dedupeHits, Hit, literalRanges } from './hits';
import { applicationPathOf, scriptSecrets } from './script-secrets';
import { connectionParts, connectionRegions, headerLines, isPlainUrl, isSentence, looksLikeConnectionString, looksLikeCredential, urlSecrets, urlsIn } from './text-scans';
import type { LiteralUse, ScriptFacts, Witness } from './types';

export interface SecretHit extends Hit {
  how: 'argument' | 'connection-string' | 'url' | 'json' | 'header' | 'script' | 'shape' | 'data-flow' | 'name' | 'typed-text';
  /** The secret-bearing argument or position (`Password`, `Password=`, `Authorization` header, `sig` query parameter). */
  what: string;
  witness?: Witness;
  /** For URLs: scheme and host. */
  origin?: string;
}

const SHAPE_NAMES: Record<StructuredSecret['kind'], string> = {
  'jwt': 'a JSON web token', 'github-token': 'a GitHub token', 'slack-token': 'a Slack token',
  'aws-access-key': 'an AWS access key', 'private-key': 'a private key', 'storage-key': 'a storage account key',
};

const cache = new WeakMap<ScriptFacts, SecretHit[]>();
const NO_PARTS: readonly never[] = [];
const CONVERT_TO_SECURE = /ConvertTo-SecureString/i;

/**
 * The literal secrets of a script, in document order, one per span. The default value of a secret
 * input is not among them: it is the input's value (reported with the input, `SecretInput.literalDefault`).
 */
export function secretLiterals(facts: ScriptFacts): SecretHit[] {
  let hits = cache.get(facts);
  if (!hits) {
    const all: SecretHit[] = [];
    for (const use of facts.literals) {
      if (use.ctx.kind === 'default' && facts.secretInputs.has(use.ctx.decl.name.toLowerCase())) continue;
      all.push(...secretsOf(facts, use));
    }
    hits = dedupeHits(all);
    cache.set(facts, hits);
  }
  return hits;
}

function secretsOf(facts: ScriptFacts, use: LiteralUse): SecretHit[] {
  const hits: SecretHit[] = [];
  const f = use.flat;
  const ctx = use.ctx;
  // 1. The argument itself takes a secret.
  if (ctx.kind === 'arg' && ctx.role === 'secret') {
    const typed = argumentInfo(ctx.stmt.id, ctx.arg.name)?.role === 'typedText';
    for (const r of literalRanges(use)) hits.push({ use, span: r.span, literal: r.literal, how: typed ? 'typed-text' : 'argument', what: ctx.arg.name });
  }
  // 2. Structure: connection strings, URLs with credentials, JSON secret keys, authorization headers.
  // (In scripts and command lines connection strings are read from their quoted strings, below.)
  const code = ctx.kind === 'arg' && (ctx.role === 'script' || ctx.role === 'commandLine');
  for (const part of code ? NO_PARTS : connectionParts(f.text)) {
    if (!connectionKeyIs(part.key, CONNECTION_SECRET_KEYS) || !looksLikeConnectionString(f.text)) continue;
    if (hasInterp(f, part.start, part.end) || isPlaceholderSecret(part.value)) continue;
    hits.push({ use, span: flatSpan(f, part.start, part.end), literal: 'part', how: 'connection-string', what: `${part.key}=` });
  }
  for (const u of urlsIn(f)) {
    for (const s of urlSecrets(f.text, u)) {
      if (hasInterp(f, s.start, s.end) || isPlaceholderSecret(f.text.slice(s.start, s.end))) continue;
      hits.push({ use, span: flatSpan(f, s.start, s.end), literal: 'part', how: 'url', what: s.what, origin: `${u.scheme}://${u.host}` });
    }
  }
  // (Each scan's regular expression runs only on a text with the fixed text every match holds.)
  if (f.text.includes('"')) for (const m of f.text.matchAll(/"([A-Za-z_][\w-]*)"\s*:\s*"((?:[^"\\]|\\.)*)"/g)) {
    if (!SECRET_JSON_KEYS.test(m[1])) continue;
    const start = m.index! + m[0].length - 1 - m[2].length;
    const end = start + m[2].length;
    if (hasInterp(f, start, end) || isPlaceholderSecret(m[2])) continue;
    hits.push({ use, span: flatSpan(f, start, end), literal: 'part', how: 'json', what: `"${m[1]}"` });
  }
  // Secrets recognisable by their shape: JWTs, GitHub/Slack/AWS keys, private keys, storage keys.
  for (const m of findStructuredSecrets(f.text)) {
    if (hasInterp(f, m.start, m.end) || hits.some(h => h.span.start <= f.starts[m.start] && h.span.end >= f.ends[m.end - 1])) continue;
    const whole = f.pure && use.entire && m.start === 0 && m.end === f.text.length;
    hits.push({ use, span: whole ? use.lit.span : flatSpan(f, m.start, m.end), literal: whole ? 'whole' : 'part', how: 'shape', what: SHAPE_NAMES[m.kind] });
  }
  // PowerShell in a script action: ConvertTo-SecureString 'literal' -AsPlainText.
  if (CONVERT_TO_SECURE.test(f.text)) for (const m of f.text.matchAll(/ConvertTo-SecureString\s+(?:-String\s+)?(['"])([^'"\r\n]+)\1\s+-AsPlainText/gi)) {
    const start = m.index! + m[0].indexOf(m[1]) + 1;
    const end = start + m[2].length;
    if (hasInterp(f, start, end) || isPlaceholderSecret(m[2]) || /^\$/.test(m[2])) continue;
    hits.push({ use, span: flatSpan(f, start, end), literal: 'part', how: 'script', what: 'ConvertTo-SecureString' });
  }
  // Embedded scripts and command lines (pad-script.md §3.2): passwords assigned, passed as switches,
  // typed into password fields by UI scripting, encoded as Basic credentials, given to net use / sqlcmd,
  // and connection strings in quoted strings.
  if (code) {
    const covered = (a: number, b: number) => hits.some(h => h.span.start < flatSpan(f, a, b).end && flatSpan(f, a, b).start < h.span.end);
    // Run application: the arguments of `sqlcmd.exe` / `net.exe` are read as that program's command line.
    const program = ctx.kind === 'arg' && ctx.role === 'commandLine' ? applicationPathOf(ctx.stmt) : undefined;
    for (const x of scriptSecrets(f.text, program)) {
      const value = f.text.slice(x.start, x.end);
      if (hasInterp(f, x.start, x.end) || isPlaceholderSecret(value) || /^[$@(\[{]/.test(value) || isSentence(value) || covered(x.start, x.end)) continue;
      hits.push({ use, span: flatSpan(f, x.start, x.end), literal: 'part', how: 'script', what: x.what });
    }
    for (const region of connectionRegions(f.text, false, true)) {
      for (const part of parseConnectionString(region.text)) {
        const a = region.offset + part.start;
        const b = region.offset + part.end;
        if (!connectionKeyIs(part.key, CONNECTION_SECRET_KEYS) || hasInterp(f, a, b) || isPlaceholderSecret(part.value) || covered(a, b)) continue;
        hits.push({ use, span: flatSpan(f, a, b), literal: 'part', how: 'connection-string', what: `${part.key}=` });
      }
    }
  }
  const headerContext = (ctx.kind === 'arg' && ctx.role === 'headers') || facts.reachOf('headers', use.target);
  if (headerContext) {
    for (const h of headerLines(f.text)) {
      if (!isSecretHeader(h.name)) continue;
      let vs = h.valueStart;
      const scheme = /^(bearer|basic|token|sharedaccesssignature|apikey|digest)\s+/i.exec(f.text.slice(vs, h.valueEnd));
      if (scheme) vs += scheme[0].length;
      if (vs >= h.valueEnd || hasInterp(f, vs, h.valueEnd) || isPlaceholderSecret(f.text.slice(vs, h.valueEnd))) continue;
      hits.push({ use, span: flatSpan(f, vs, h.valueEnd), literal: 'part', how: 'header', what: `${h.name} header` });
    }
  }
  if (hits.length) return hits;
  // 3. Data flow: the literal is stored in a variable (or property) that reaches a secret argument.
  const witness = facts.reachOf('secret', use.target);
  if (witness) {
    // A whole URL with no secret part reaching a secret argument is an address handed on, not a secret.
    for (const r of literalRanges(use)) if (!isSentence(r.text) && !isPlainUrl(r.text)) hits.push({ use, span: r.span, literal: r.literal, how: 'data-flow', what: witness.argument, witness });
    return hits;
  }
  // 4. The variable's or property's name says it is a secret.
  const name = use.propertyName ?? (use.target ? nameOfTarget(use) : undefined);
  if (name) {
    const strength = secretNameStrength(name);
    if (strength) {
      for (const r of literalRanges(use)) {
        // An address is not a secret whatever the variable is called (it may be environment-specific).
        if (isSentence(r.text) || r.text.length < 4 || isPlainUrl(r.text)) continue;
        if (strength === 'weak' && !looksLikeCredential(r.text)) continue;
        hits.push({ use, span: r.span, literal: r.literal, how: 'name', what: name });
      }
    }
  }
  return hits;
}

function nameOfTarget(use: LiteralUse): string | undefined {
  if (use.ctx.kind === 'arg') return use.targetName; // child-flow input of External.RunFlow
  if (use.ctx.kind === 'call') return use.ctx.arg.name;
  if (use.ctx.kind === 'set') return use.target?.p !== undefined ? use.target.p : use.ctx.variable;
  return undefined;
}
