// Variables a desktop flow only ever quotes in text meant for people: a log message, a dialog's message or
// title, an e-mail's subject or body. A URL kept in such a variable is shown to a reader, never opened by
// the flow, so it is not an environment-specific place (the same as a URL written into the message itself).
// The fact pass (collect.ts) reads every expression once and records which reads are in such texts;
// facts.ts hands the answer over here, so no second walk of the script is needed.
import type { ActionStmt } from '../../model/pad-ast';
import type { Script } from '../../model/types';
import { isMessageArgumentName, isMessageModule } from './catalog';
import { ScriptCollector } from './collect';

/** Whether an action's argument is a text for people. */
export function isMessageArgument(stmt: ActionStmt, argName: string): boolean {
  return isMessageModule(stmt) && isMessageArgumentName(argName);
}

const memo = new WeakMap<Script, ReadonlySet<string>>();

/** Lower-case names of the variables read at least once and only in message texts (flow outputs excluded). */
export function messageOnlyVariables(script: Script): ReadonlySet<string> {
  let out = memo.get(script);
  if (!out) {
    // Without the script's facts (a caller outside the lint): one collection of its own, not kept as facts.
    out = new ScriptCollector({ script }).collect().messageOnlyVariables();
    memo.set(script, out);
  }
  return out;
}

/** The fact pass's answer for a script (facts.ts): the first one kept. */
export function rememberMessageOnlyVariables(script: Script, variables: ReadonlySet<string>): void {
  if (!memo.has(script)) memo.set(script, variables);
}
