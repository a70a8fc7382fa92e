// Text typed into UI and terminal fields: the field a typing action types into (what its name, selector
// or label says it is for, and the form it is on) and the role the typed value takes, decided by meaning.
import type { ActionStmt, Expr } from '../../model/pad-ast';
import { isUserName } from '../shared/vocabulary';
import { ArgRole, fieldRole, typedTextSessionArg, typedTextTargetArg } from './catalog';

/**
 * The field a typing action types into: what its name, selector or label says it is for, and the
 * window, page or session it is on (`Login` of `appmask['Login']['Edit \'Password:\'']`, the terminal
 * session variable), so that a user name and a password typed into one form can be told apart.
 */
export function typedField(stmt: ActionStmt): TypingTarget | undefined {
  const targets = typedTextTargetArg(stmt.id);
  if (!targets.length) return undefined;
  const out: TypingTarget = { explicit: false };
  for (const a of stmt.args) {
    if (!targets.includes(a.name.toLowerCase())) continue;
    // The innermost element name (the last index) is the field itself; the outermost, its window or page.
    const names = elementNames(a.value);
    const r = names.length ? fieldRole(names[0]) : undefined;
    if (r) Object.assign(out, r);
    if (names.length > 1) out.form = names[names.length - 1];
  }
  if (out.form === undefined) {
    const session = stmt.args.find(a => typedTextSessionArg(stmt.id).includes(a.name.toLowerCase()));
    if (session?.value.kind === 'var') out.form = session.value.name;
  }
  return out;
}

/** The field a typing action types into (see typedField). */
export interface TypingTarget { role?: 'secret' | 'user'; explicit: boolean; form?: string }

/** Element names in a control expression, innermost first: `appmask['Login']['Edit \'Password:\'']`, a selector text. */
function elementNames(value: Expr): string[] {
  const names: string[] = [];
  const stack: Expr[] = [value];
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'index') {
      if (e.index.kind === 'string' && e.index.value !== undefined) names.push(e.index.value);
      stack.push(e.object);
    } else if (e.kind === 'member') {
      names.push(e.property);
      stack.push(e.object);
    } else if (e.kind === 'string' && e.value !== undefined) {
      names.push(e.value);
    }
  }
  return names;
}

/**
 * The role of text typed into a field, from meaning first: a value named like a user name (`Username`,
 * `Cred.Username`) is a user name whatever the recorder called the field, unless the element's own type
 * says password (`Input password`); then the field: a password box by its label or selector
 * (`Edit 'Password:'`, a terminal field labelled `Password`) gives a password role marked `byLabel` (a key
 * that is a user name elsewhere does not take it); a field named for the user name gives a user name.
 */
export function typedRole(field: TypingTarget | undefined, valueName: string | undefined): { role?: ArgRole; byLabel: boolean } {
  const userValue = valueName !== undefined && isUserName(valueName);
  if (field?.role === 'secret' && (field.explicit || !userValue)) return { role: 'secret', byLabel: !field.explicit };
  if (userValue || field?.role === 'user') return { role: 'user', byLabel: false };
  return { byLabel: false };
}
