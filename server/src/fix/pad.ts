// The desktop-flow fix kinds (rules/pad/fix-data.ts says what each reads from a finding):
//   get-credential → the Get credential action (pad-credential.ts);
//   mark-sensitive → the variable joins @SENSITIVE (and `"format":"password"` in <Inputs>/<Outputs>);
//   script-input → an @INPUT variable replaces a literal URL, machine or path, fed by the calling cloud
//     flows from an environment variable.
// Script edits are made in script offsets and re-encoded for the <Definition> they live in (pad-script.ts);
// facts about the script come from analysis/pad.
import type { Script } from '../model/types';
import { scriptFacts } from '../analysis/pad/facts';
import { flatten } from '../analysis/pad/flat';
import { ChangeBuilder } from './change';
import { activeSettings, createDefinition, ensureFlowParameter, ensureSettingsEntries, findReusable, newSchemaName, parameterKey, parametersCall } from './envvar';
import { Fix, FixContext, lazyFix } from './fix';
import type { FindingFor } from './providers';
import { pascalCase, schemaBody, titleCase, unique, wordsOf } from './names';
import { addSchemaProperty, callerInputPath, callersOf, editSchemas, FlowSchema, schemaProperty } from './pad-schema';
import { afterHeader, editSensitive, IDENT, lineStart, lineStatementAt, literalText, nextLineStart, replaceInString, ScriptEdits, statements, stringAt, targetOf } from './pad-script';

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

export function inputVariableFix(finding: FindingFor<'script-input'>, ctx: FixContext): Fix | undefined {
  const kind = finding.data.valueKind;
  const t = targetOf(finding);
  if (!t || t.script.clipboard) return undefined;
  const { script } = t;
  const ast = script.ast;
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
  const facts = scriptFacts(t.unit);
  const taken = (n: string) => facts.variables.has(n.toLowerCase()) || ast.declarations.some(d => d.name.toLowerCase() === n.toLowerCase());
  const inputName = unique(`Input_${pascalCase(base)}`, taken);
  const what = kind === 'url' ? 'URL' : kind;
  const inputDescription = `The ${what} for ${where}; it differs per environment.`;
  const callers = callersOf(t.solution, t.desktopFlow);
  const solution = t.solution;
  const active = solution ? activeSettings(solution, ctx.environment) : undefined;
  const reuse = solution && callers.length ? findReusable(solution, value, active) : undefined;
  const probe = new ChangeBuilder();
  const schemaName = solution && callers.length ? reuse?.schemaName ?? newSchemaName(solution, probe, schemaBody(base)) : undefined;
  const hasSettings = !!solution?.environments.length;
  const wiring = callers.length
    ? ` The calling cloud flow${callers.length > 1 ? 's' : ''} (${[...new Set(callers.map(c => c.flow.name))].join(', ')}) pass${callers.length > 1 ? '' : 'es'} @parameters() of environment variable ${schemaName}${reuse ? ' (which already holds this value)' : ''} to it.`
      + (!hasSettings ? '' : active ? ` The value went into ${active.environment}'s deployment settings; fill the empty Value in the other environments.` : ` No active environment was chosen (--env): the value stays only in the flow parameter's default; fill the Value of ${schemaName} in every environment's deployment settings.`)
    : ` No cloud flow in the solution runs this desktop flow: pass a value to ${inputName} where it is run (Run a flow built with Power Automate for desktop › ${inputName}, from an environment variable).`;
  const title = `Make it the input variable ${inputName}${callers.length ? ` (fed from environment variable ${schemaName})` : ''}`;
  return lazyFix({
    title,
    kind: 'quickfix',
    preferred: true,
    ruleId: finding.ruleId,
    description: `Declares @INPUT ${inputName} and uses it instead of the literal ${what}.` + wiring,
  }, b => {
    const se = new ScriptEdits(script);
    replaceInString(se, lit, t.span, inputName);
    se.insertLine(inputInsertionPoint(script), `@INPUT ${inputName} : { 'Description': '${singleQuoted(inputDescription)}', 'FriendlyName': '${inputName}', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '' } ${t.eol}`, t.eol, -1);
    se.flush(b);
    if (t.desktopFlow) editSchemas(b, t.desktopFlow, { Inputs: s => addSchemaProperty(s, inputName, inputDescription) });
    if (!solution || !callers.length) return;
    let target = reuse;
    if (!target) {
      const schema = newSchemaName(solution, b, schemaBody(base));
      const displayName = titleCase(base);
      createDefinition(b, solution, { schemaName: schema, displayName, description: `${inputDescription.replace(/\.$/, '')} (input ${inputName} of desktop flow "${t.desktopFlow!.name}").`, kind: 'String' });
      target = { schemaName: schema, displayName };
    }
    for (const c of callers) {
      const key = ensureFlowParameter(b, c.flow, target, value);
      const p = callerInputPath(c, inputName);
      if (!p.exists) b.modifyJson(c.flow.file, p.path, `@${parametersCall(key)}`);
    }
    ensureSettingsEntries(b, solution, target.schemaName, active, active ? value : undefined);
    void parameterKey;
  });
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

