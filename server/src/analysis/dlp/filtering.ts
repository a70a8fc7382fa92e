// Whether endpoint filtering governs a place a "move to an environment variable" fix would move
// (governance.md §2.4): filtering checks literal endpoints only — "rules don't apply to environment
// variables, custom inputs, or any endpoint dynamically created at runtime" — and a dynamic value is let
// through under `Allow *` (it dodges the allow-list review) and blocked under `Deny *` (the flow breaks
// at run time). The fix's description warns with endpointFilteringWarning.
import { walkExpressions, walkStatements } from '../../load/pad/walk';
import type { DataPolicy } from '../../model/dlp';
import type { ActionStmt } from '../../model/pad-ast';
import type { CloudFlow, FlowAction, Script } from '../../model/types';
import type { Span } from '../../util/text';
import { lookupId, PolicyIds } from './evaluate';
import { cloudConnectorOf, desktopGroupOf } from './groups';

/** A literal a fix would move: in a cloud action, or at a span of a desktop-flow script. */
export type ValuePlace = { action: FlowAction; flow: CloudFlow } | { script: Script; span: Span };

export interface EndpointFiltering {
  policy: DataPolicy;
  /** How messages name the connector or module group: `shared_sql`, `DesktopFlow.WebAutomation (Browser automation)`. */
  connector: string;
  /** What the catch-all `*` rule does with everything the earlier rules do not name; `Allow` when there is none. */
  defaultAction: 'Allow' | 'Deny';
}

interface Governed { ids: PolicyIds; label: string }

/** The enabled action statements of a script that hold `span`, or read the variable a `SET … TO <literal>` at `span` sets. */
function actionsUsing(script: Script, span: Span): ActionStmt[] {
  const holders: ActionStmt[] = [];
  const setVariables = new Set<string>();
  walkStatements(script.ast, (stmt, ctx) => {
    if (stmt.span.start > span.start || stmt.span.end < span.end || ctx.disabled) return;
    if (stmt.kind === 'action' && stmt.args.some(a => a.value.span.start <= span.start && a.value.span.end >= span.end)) holders.push(stmt);
    if (stmt.kind === 'set' && stmt.value.span.start <= span.start && stmt.value.span.end >= span.end) setVariables.add(stmt.variable.toLowerCase());
  });
  if (!setVariables.size) return holders;
  walkStatements(script.ast, (stmt, ctx) => {
    if (stmt.kind !== 'action' || ctx.disabled || holders.includes(stmt)) return;
    let reads = false;
    for (const arg of stmt.args) walkExpressions(arg.value, e => { if (e.kind === 'var' && setVariables.has(e.name.toLowerCase())) reads = true; });
    if (reads) holders.push(stmt);
  });
  return holders;
}

function governedAt(place: ValuePlace): Governed[] {
  if ('action' in place) {
    const connector = cloudConnectorOf(place.action, place.flow);
    return connector ? [{ ids: { id: connector.id, aliases: connector.aliases }, label: connector.connector }] : [];
  }
  return actionsUsing(place.script, place.span).flatMap(stmt => {
    const group = desktopGroupOf(stmt.module);
    return group ? [{ ids: group.id, label: group.label }] : [];
  });
}

/** The first applicable policy with endpoint rules for the connector or group the place's value is used by. */
export function endpointFilteringFor(policies: readonly DataPolicy[], place: ValuePlace): EndpointFiltering | undefined {
  const governed = governedAt(place);
  for (const policy of policies) {
    for (const g of governed) {
      const rules = lookupId(policy.endpointRules, g.ids);
      if (!rules?.length) continue;
      const catchAll = rules.find(r => r.endpoint.trim() === '*');
      return { policy, connector: g.label, defaultAction: catchAll?.behavior ?? 'Allow' };
    }
  }
  return undefined;
}

/** The sentence a move fix adds to its description when endpoint filtering governs the place. */
export function endpointFilteringWarning(f: EndpointFiltering): string {
  const policy = `data policy "${f.policy.displayName}"`;
  return f.defaultAction === 'Deny'
    ? `Warning: ${policy} filters the endpoints of ${f.connector} and denies the rest (Deny *): a value read from a variable is dynamic, so the platform blocks it at run time — keep the value literal where the policy allows it, or ask for an exception.`
    : `Warning: ${policy} filters the endpoints of ${f.connector} and allows the rest (Allow *): a value read from a variable is not checked against its endpoint rules, so an endpoint they deny gets through unreviewed — check each environment's value against the policy.`;
}
