// The desktop-flow fix kinds (rules/pad/fix-data.ts says what each reads from a finding):
//   get-credential → the Get credential action (pad-credential.ts);
//   mark-sensitive → the variable joins @SENSITIVE (and `"format":"password"` in <Inputs>/<Outputs>);
//   script-input → an @INPUT variable replaces a literal URL, machine or path, fed by the calling cloud
//     flows from an environment variable.
// Script edits are made in script offsets and re-encoded for the <Definition> they live in (pad-script.ts);
// facts about the script come from analysis/pad.
import type { Finding } from '../findings/finding';
import type { StringLit } from '../model/pad-ast';
import type { Script } from '../model/types';
import { scriptFacts } from '../analysis/pad/facts';
import { flatten } from '../analysis/pad/flat';
import type { ChangeBuilder } from './change';
import { FlowParameters, parametersCall } from './envvar';
import { Fix, lazyFix } from './fix';
import type { FindingFor } from './providers';
import { NameReservations, pascalCase, unique, wordsOf } from './names';
import { appendJson } from './append';
import { addSchemaProperty, appendSchemaInput, Caller, callerInputPath, callerInputs, callersOf, editSchemas, FlowSchema, schemaProperty } from './pad-schema';
import {
  afterHeader, editSensitive, IDENT, lineStart, lineStatementAt, literalText, nextLineStart, replaceInString, ScriptEdits, ScriptTarget, statements, stringAt, targetOf,
} from './pad-script';

export { DEFAULT_GET_CREDENTIAL_TEMPLATE, getCredentialTemplate, renderGetCredential } from './pad-credential';
export { indentAt, lineStart, lineStatementAt, ScriptEdits, statements } from './pad-script';
export type { Located } from './pad-script';

// ---------------------------------------------------------------------------------------------
// 5. Mark a variable sensitive

export function markSensitiveFix(finding: FindingFor<'mark-sensitive'>): Fix | undefined {
  const t = targetOf(finding);
  if (!t || t.script.clipboard) return undefined;
  // The name as written where the finding points; it must be the variable the finding is about.
  const name = t.script.text.slice(t.span.start, t.span.end);
  if (!IDENT.test(name) || name.toLowerCase() !== finding.data.variable.toLowerCase()) return undefined;
  const decl = t.script.ast.declarations.find(d => d.name.toLowerCase() === name.toLowerCase());
  // A missing schema entry is added as text: only for a text variable (the entry of an object, list or
  // table has a shape FlowCop does not know; the designer writes it when the flow is saved).
  const textTyped = !decl?.type || /^(string|text)$/i.test(decl.type);
  const schemaNote = decl && t.desktopFlow ? ` and sets "format": "password" for it in the flow's <${decl.direction === 'input' ? 'Inputs' : 'Outputs'}> schema` : '';
  return lazyFix({
    title: `Mark ${name} sensitive (@SENSITIVE)`,
    kind: 'quickfix',
    preferred: true,
    ruleId: finding.ruleId,
    description: `Adds ${name} to the @SENSITIVE list${schemaNote}, so its value is hidden in logs and run details.`,
  }, b => {
    const se = new ScriptEdits(t.script);
    editSensitive(se, t, [name], []);
    se.flush(b);
    if (decl && t.desktopFlow) {
      const which = decl.direction === 'input' ? 'Inputs' : 'Outputs';
      editSchemas(b, t.desktopFlow, {
        [which]: (s: FlowSchema) => {
          const p = schemaProperty(s, decl.name);
          if (p) p.format = 'password';
          else if (textTyped) {
            addSchemaProperty(s, decl.name, '');
            schemaProperty(s, decl.name)!.format = 'password';
          }
        },
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// 6. Path, URL or machine → @INPUT variable (fed from an environment variable by the calling cloud flows)
//    One move of a value changes every place of it (value-move.ts); here: the places in desktop flows.

/** A place of a value in a desktop-flow script, as a move to an input variable sees it. */
export interface DesktopPlace {
  family: 'desktop';
  finding: Finding;
  t: ScriptTarget;
  lit: StringLit;
  /** The decoded value moved. */
  value: string;
  /** Words naming an input (and a new environment variable) after this place. */
  base: string[];
  /** Where the literal is, for the input's description (`variable InputFolder`). */
  where: string;
  kind: 'url' | 'machine' | 'path';
  /** The span the move rewrites, in the script's offsets (a plain '…' literal is rewritten whole). */
  region: { in: Script; start: number; end: number };
}

const desktopPlaces = new WeakMap<Finding, DesktopPlace | null>();

/** The place of a script-input finding (memoised: a move looks at every finding of a value). */
export function desktopPlace(finding: Finding): DesktopPlace | undefined {
  let place = desktopPlaces.get(finding);
  if (place === undefined) desktopPlaces.set(finding, place = locateDesktopPlace(finding) ?? null);
  return place ?? undefined;
}

function locateDesktopPlace(finding: Finding): DesktopPlace | undefined {
  const kind = (finding.data as { valueKind?: DesktopPlace['kind'] } | undefined)?.valueKind;
  const t = targetOf(finding);
  if (!kind || !t || t.script.clipboard) return undefined;
  const ast = t.script.ast;
  const all = statements(ast);
  const found = stringAt(ast, all, t.span);
  if (!found) return undefined;
  const { lit, stmt } = found;
  if (ast.declarations.some(d => d.defaultValue && lit.span.start >= d.defaultValue.span.start && lit.span.end <= d.defaultValue.span.end)) return undefined;
  if (lit.form === 'fx' && lit.formula !== undefined) return undefined;
  const value = literalText(lit, t.span);
  if (!value?.trim()) return undefined;
  const whole = t.span.start <= lit.span.start && t.span.end >= lit.span.end;

  // A readable name: the variable the literal is stored in, or the action and argument it is given to.
  let base: string[] = [];
  let where = '';
  const at = lineStatementAt(all, lit.span.start);
  if (whole && stmt?.kind === 'set' && stmt.target.kind === 'var') {
    base = wordsOf(stmt.variable.replace(/^(input|in)_/i, ''));
    where = `variable ${stmt.variable}`;
  } else if (at?.stmt.kind === 'action') {
    const arg = at.stmt.args.find(a => lit.span.start >= a.span.start && lit.span.end <= a.span.end);
    base = [...wordsOf(at.stmt.action), ...wordsOf(arg?.name ?? '')];
    where = `${arg?.name ?? 'an argument'} of ${at.stmt.id}`;
  } else if (at?.stmt.kind === 'call') {
    const arg = at.stmt.args.find(a => lit.span.start >= a.span.start && lit.span.end <= a.span.end);
    base = wordsOf(arg?.name ?? at.stmt.target);
    where = `${arg?.name ?? 'an argument'} of CALL ${at.stmt.target}`;
  } else if (stmt?.kind === 'set') {
    base = wordsOf(stmt.variable);
    where = `variable ${stmt.variable}`;
  }
  if (!whole && at?.stmt.kind === 'action') {
    // A part of a longer text (a connection string, a URL): name it after the key before it (`Server=`).
    const flat = flatten(lit);
    const a = flat.starts.indexOf(t.span.start);
    const key = a > 0 ? /([A-Za-z][A-Za-z ]*)=\s*$/.exec(flat.text.slice(0, a))?.[1] : undefined;
    if (key) base = [...wordsOf(at.stmt.module), ...wordsOf(key)];
  }
  if (!whole && kind === 'machine' && !base.some(w => /server|host|machine|source/i.test(w))) base.push(/\\\\/.test(value) ? 'Share' : 'Server');
  if (!base.length) base = ['Value'];
  const rewritesWhole = !whole && lit.form !== 'interpolated' && lit.form !== 'fx';
  const span = rewritesWhole ? lit.span : t.span;
  return { family: 'desktop', finding, t, lit, value, base, where, kind, region: { in: t.script, start: span.start, end: span.end } };
}

/** How the places of one desktop flow (or standalone script) move: which input, declared or reused, and who feeds it. */
export interface DesktopMove {
  places: DesktopPlace[];
  inputName: string;
  /** An @INPUT the calling cloud flows already feed from the variable: nothing is declared or wired. */
  reusedInput: boolean;
  callers: Caller[];
  description: string;
}

/**
 * Plans the move of a desktop flow's places: an input the callers already feed from `existing` (the
 * variable that holds the value) is reused; otherwise a new input is named after the first place.
 */
export function planDesktopMove(places: DesktopPlace[], existing: { schemaName: string } | undefined, names?: NameReservations): DesktopMove {
  const first = places[0];
  const { t } = first;
  const callers = callersOf(t.solution, t.desktopFlow);
  const fed = existing && callers.length ? inputFedBy(t.script, callers, existing.schemaName) : undefined;
  const what = first.kind === 'url' ? 'URL' : first.kind;
  if (fed) return { places, inputName: fed, reusedInput: true, callers, description: `The ${what} for ${first.where}; it differs per environment.` };
  const facts = scriptFacts(t.unit);
  const ast = t.script.ast;
  const taken = (n: string) => facts.variables.has(n.toLowerCase()) || ast.declarations.some(d => d.name.toLowerCase() === n.toLowerCase()) || !!names?.has(inputScope(t.script), n);
  return { places, inputName: unique(`Input_${pascalCase(first.base)}`, taken), reusedInput: false, callers, description: `The ${what} for ${first.where}; it differs per environment.` };
}

/** The @INPUT every caller passes `@parameters('…')` of the variable to, when they all agree. */
function inputFedBy(script: Script, callers: Caller[], schemaName: string): string | undefined {
  const lower = schemaName.toLowerCase();
  const names = callers.map(c => {
    const key = c.flow.parameters.find(p => p.schemaName?.toLowerCase() === lower)?.name;
    return key ? callerInputs(c).find(i => i.value.trim() === `@${parametersCall(key)}`)?.name : undefined;
  });
  const name = names[0];
  if (!name || names.some(n => n?.toLowerCase() !== name.toLowerCase())) return undefined;
  return script.ast.declarations.find(d => d.direction === 'input' && d.name.toLowerCase() === name.toLowerCase())?.name;
}

/**
 * Replaces the places with the input; declares it (script and <Inputs> schema) unless it is reused,
 * and has every calling cloud flow pass it the variable's workflow parameter.
 */
export function moveDesktopPlaces(b: ChangeBuilder, move: DesktopMove, parameters: FlowParameters | undefined, names?: NameReservations): void {
  const { t } = move.places[0];
  const { script } = t;
  const se = new ScriptEdits(script);
  for (const p of move.places) replaceInString(se, p.lit, p.t.span, move.inputName);
  if (!move.reusedInput) {
    // Appended after the last @INPUT: the inputs of several moves in one flow join one edit.
    const line = `@INPUT ${move.inputName} : { 'Description': '${singleQuoted(move.description)}', 'FriendlyName': '${move.inputName}', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ${t.eol}`;
    se.appendLine(inputInsertionPoint(script), '@INPUT', line, t.eol, move.inputName.toLowerCase());
    names?.claim(inputScope(script), move.inputName);
  }
  se.flush(b);
  if (move.reusedInput) return;
  if (t.desktopFlow) appendSchemaInput(b, t.desktopFlow, move.inputName, move.description);
  if (!parameters) return;
  for (const c of move.callers) {
    const key = parameters.ensure(c.flow);
    const p = callerInputPath(c, move.inputName);
    if (p.exists) continue;
    const value = `@${parametersCall(key)}`;
    if (!appendJson(b, c.flow.file, c.flow.json, p.path.slice(0, -1), 'object', value, { key: p.path[p.path.length - 1] })) b.modifyJson(c.flow.file, p.path, value);
  }
}

const scriptIds = new WeakMap<Script, number>();
let nextScriptId = 0;

/** NameReservations scope of a script's variables (a raw layout keeps every script in one file). */
export function inputScope(script: Script): string {
  let id = scriptIds.get(script);
  if (id === undefined) scriptIds.set(script, id = nextScriptId++);
  return `variable:${id}`;
}


function singleQuoted(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/'/g, "\\'");
}

/** After the last @INPUT, else before the first @OUTPUT, else after @SENSITIVE / the header lines. */
function inputInsertionPoint(script: Script): number {
  const ast = script.ast;
  const text = script.text;
  const inputs = ast.declarations.filter(d => d.direction === 'input');
  if (inputs.length) return nextLineStart(text, inputs[inputs.length - 1].span.end);
  const outputs = ast.declarations.filter(d => d.direction === 'output');
  if (outputs.length) return lineStart(text, outputs[0].span.start);
  if (ast.sensitive) return nextLineStart(text, ast.sensitive.span.end);
  return afterHeader(script);
}

