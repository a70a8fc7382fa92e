// Flow variables: which string values assign them (Initialize, Set, Append to string/array variable)
// and how they are declared.
import { prop, stringValue } from '../../load/json';
import type { CloudFlow, FlowAction } from '../../model/types';
import type { StringLeaf } from './leaves';
import { refsOf } from './segments';

/** The variable a leaf assigns, when it is the value of an Initialize/Set/Append-to-string variable action. */
export function assignedVariable(leaf: StringLeaf): string | undefined {
  const type = leaf.action.type.toLowerCase();
  if (type === 'initializevariable' && leaf.path[0] === 'variables' && leaf.path[2] === 'value') {
    const v = prop(leaf.action.inputs, 'variables')?.children?.[Number(leaf.path[1])];
    return stringValue(prop(v, 'name'));
  }
  if ((type === 'setvariable' || type === 'appendtostringvariable') && leaf.path[0] === 'value') return stringValue(prop(leaf.action.inputs, 'name'));
  return undefined;
}

/** Variable name (lower case) → the string values assigned to it anywhere in the flow. */
export function indexAssignments(flow: CloudFlow, leavesByAction: ReadonlyMap<FlowAction, StringLeaf[]>): Map<string, StringLeaf[]> {
  const out = new Map<string, StringLeaf[]>();
  const add = (name: string, leaves: StringLeaf[]) => {
    const key = name.toLowerCase();
    out.set(key, [...(out.get(key) ?? []), ...leaves]);
  };
  for (const a of flow.actions) {
    const type = a.type.toLowerCase();
    const leaves = leavesByAction.get(a) ?? [];
    if (type === 'initializevariable') {
      const vars = prop(a.inputs, 'variables');
      (vars?.children ?? []).forEach((v, k) => {
        const name = stringValue(prop(v, 'name'));
        if (!name) return;
        add(name, leaves.filter(l => l.path[0] === 'variables' && l.path[1] === String(k) && l.path[2] === 'value'));
      });
    } else if (type === 'setvariable' || type === 'appendtostringvariable' || type === 'appendtoarrayvariable') {
      const name = stringValue(prop(a.inputs, 'name'));
      if (name) add(name, leaves.filter(l => l.path[0] === 'value'));
    }
  }
  return out;
}

/** The declared type of a variable (`string`, `integer`, `object`…), lower case, from its Initialize variable action. */
export function variableType(flow: CloudFlow, name: string): string | undefined {
  const lower = name.toLowerCase();
  for (const a of flow.actions) {
    if (a.type.toLowerCase() !== 'initializevariable') continue;
    for (const v of prop(a.inputs, 'variables')?.children ?? []) {
      if (stringValue(prop(v, 'name'))?.toLowerCase() === lower) return stringValue(prop(v, 'type'))?.toLowerCase();
    }
  }
  return undefined;
}

/** The string values that read a variable (`variables('name')` in one of their expressions): where it is used. */
export function readsOfVariable(leaves: readonly StringLeaf[], name: string): StringLeaf[] {
  const lower = name.toLowerCase();
  return leaves.filter(l => l.segments.some(s => s.kind === 'expression' && refsOf(l.text.slice(s.start, s.end)).variables.some(v => v.toLowerCase() === lower)));
}
