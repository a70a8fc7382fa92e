// Variables a desktop flow only ever quotes in text meant for people: a log message, a dialog's message or
// title, an e-mail's subject or body. A URL kept in such a variable is shown to a reader, never opened by
// the flow, so it is not an environment-specific place (the same as a URL written into the message itself).
import type { ActionStmt, Expr, Statement } from '../../model/pad-ast';
import type { Script } from '../../model/types';
import { walkStatements } from '../../load/pad/walk';
import { forEachRead } from './references';

/** Modules whose text arguments (message, title, subject, body) are read by people. */
const MESSAGE_MODULES = new Set(['logging', 'display', 'email', 'outlook', 'exchange']);
const MESSAGE_ARGS = new Set(['message', 'title', 'subject', 'body', 'messagebody']);

/** Whether an action's argument is a text for people. */
export function isMessageArgument(stmt: ActionStmt, argName: string): boolean {
  return MESSAGE_MODULES.has(stmt.module.toLowerCase()) && MESSAGE_ARGS.has(argName.toLowerCase());
}

/** The expressions a statement reads (nested statements are visited on their own), each marked message or not. */
function readsOf(stmt: Statement): Array<{ expr: Expr; message: boolean }> {
  const plain = (...exprs: Array<Expr | undefined>) => exprs.filter((e): e is Expr => !!e).map(expr => ({ expr, message: false }));
  switch (stmt.kind) {
    case 'action': return stmt.args.map(a => ({ expr: a.value, message: !a.dynamic && isMessageArgument(stmt, a.name) }));
    case 'set': return plain(stmt.value, stmt.target.kind === 'var' ? undefined : stmt.target);
    case 'call': return plain(...stmt.args.map(a => a.value));
    case 'foreach': return plain(stmt.collection);
    case 'loop': return plain(stmt.from, stmt.to, stmt.step);
    case 'if': return plain(...stmt.branches.map(b => (b.condition.kind === 'action' ? undefined : b.condition)));
    case 'while': return plain(stmt.condition.kind === 'action' ? undefined : stmt.condition);
    case 'switch': return plain(stmt.value, ...stmt.cases.map(c => c.value));
    case 'wait': return plain(stmt.duration, stmt.timeout);
    case 'exit': return plain(...stmt.args.map(a => a.value));
    default: return [];
  }
}

const memo = new WeakMap<Script, Set<string>>();

/** Lower-case names of the variables read at least once and only in message texts (flow outputs excluded). */
export function messageOnlyVariables(script: Script): ReadonlySet<string> {
  let out = memo.get(script);
  if (out) return out;
  // UI and image repositories are not variables.
  const aliases = new Set(['appmask', 'imgrepo', ...script.ast.imports.map(i => i.alias.toLowerCase())]);
  const inMessage = new Set<string>();
  const elsewhere = new Set<string>();
  walkStatements(script.ast, stmt => {
    for (const r of readsOf(stmt)) forEachRead(r.expr, aliases, name => (r.message ? inMessage : elsewhere).add(name.toLowerCase()));
  });
  // A flow output leaves the flow: whoever reads it may open it.
  for (const d of script.ast.declarations) if (d.direction === 'output') elsewhere.add(d.name.toLowerCase());
  out = new Set([...inMessage].filter(v => !elsewhere.has(v)));
  memo.set(script, out);
  return out;
}
