// Wording and finding data shared by the desktop-flow rules: where a literal is, the element it
// belongs to, and where a value is used. Never the value of a secret.
import type { LiteralUse, Witness } from './types';

/** Where a literal is: `in Password of Email.SendEmail.AuthenticateAndSend`, `assigned to DbPassword`. */
export function whereOf(use: LiteralUse): string {
  switch (use.ctx.kind) {
    case 'arg': return `in ${use.ctx.arg.name} of ${use.ctx.stmt.id}`;
    case 'call': return `passed to ${use.ctx.arg.name} of CALL ${use.ctx.stmt.target}`;
    case 'set': return `assigned to ${use.targetName ?? use.ctx.variable}`;
    case 'default': return `as the default value of input ${use.ctx.decl.name}`;
  }
}

/** The logical element a literal belongs to. */
export function elementOf(use: LiteralUse): { kind: 'action' | 'variable' | 'input'; name: string } {
  switch (use.ctx.kind) {
    case 'arg': return { kind: 'action', name: use.ctx.stmt.id };
    case 'call': return { kind: 'variable', name: use.ctx.arg.name };
    case 'set': return { kind: 'variable', name: use.ctx.variable };
    case 'default': return { kind: 'input', name: use.ctx.decl.name };
  }
}

/** Where a literal is, as finding data: the argument and action, or the variable (and property) it is stored in. */
export interface LocationData { argument?: string; action?: string; variable?: string; property?: string }

export function locationData(use: LiteralUse): LocationData {
  switch (use.ctx.kind) {
    case 'arg': return { argument: use.ctx.arg.name, action: use.ctx.stmt.id };
    case 'call': return { argument: use.ctx.arg.name, action: `CALL ${use.ctx.stmt.target}`, variable: use.ctx.arg.name };
    case 'set': return { variable: use.ctx.variable, ...(use.propertyName !== undefined || use.target?.p !== undefined ? { property: use.propertyName ?? use.target?.p } : {}) };
    case 'default': return { variable: use.ctx.decl.name };
  }
}

/** `Password of Email.SendEmail.AuthenticateAndSend` / `Password= of the connection string in …`. */
export function describeWitness(w: Witness, withVia = false): string {
  const what = w.action && !/ of /.test(w.argument) ? `${w.argument} of ${w.action}` : w.argument;
  return withVia && w.via ? `${what} (through ${w.via})` : what;
}

/** ` (used as Url of WebAutomation.LaunchEdge)` for a literal that reaches its use through a variable. */
export function usedAs(use: LiteralUse, witness: Witness | undefined): string {
  return witness && use.ctx.kind !== 'arg' ? ` (used as ${describeWitness(witness)})` : '';
}
