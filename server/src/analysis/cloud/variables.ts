// Flow variables: which string values assign them (Initialize, Set, Append to string/array variable)
// and how they are declared.
import { prop, stringValue } from '../../load/json';
import type { CloudFlow, FlowAction } from '../../model/types';
import type { StringLeaf } from './leaves';
import { typeOf } from './actions';
import { refsOf } from './segments';

/** The variable a leaf assigns, when it is the value of an Initialize/Set/Append-to-string variable action. */
export function assignedVariable(leaf: StringLeaf): string | undefined {
  const { path } = leaf;
  // Asked for every value: the path turns nearly all away before the action's type is looked at.
  if (path[0] !== 'value' && (path[0] !== 'variables' || path[2] !== 'value')) return undefined;
  const type = typeOf(leaf.action);
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
    const type = typeOf(a);
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
    if (typeOf(a) !== 'initializevariable') continue;
    for (const v of prop(a.inputs, 'variables')?.children ?? []) {
      if (stringValue(prop(v, 'name'))?.toLowerCase() === lower) return stringValue(prop(v, 'type'))?.toLowerCase();
    }
  }
  return undefined;
}

/** The string values that read a variable (`variables('name')` in one of their expressions): where it is used. */
export function readsOfVariable(leaves: readonly StringLeaf[], name: string): StringLeaf[] {
  let index = readsByVariable.get(leaves);
  if (!index) readsByVariable.set(leaves, (index = indexReads(leaves)));
  return (index.get(name.toLowerCase()) ?? []).slice();
}

// Asked for each literal given to a variable: the flow's values are read once, not once per question.
const readsByVariable = new WeakMap<readonly StringLeaf[], Map<string, StringLeaf[]>>();

/** Variable name (lower case) → the values that read it, each once, in order. */
function indexReads(leaves: readonly StringLeaf[]): Map<string, StringLeaf[]> {
  const index = new Map<string, StringLeaf[]>();
  for (const leaf of leaves) {
    for (const s of leaf.segments) {
      if (s.kind !== 'expression') continue;
      const text = leaf.text.slice(s.start, s.end);
      if (!VARIABLES_CALL.test(text)) continue;
      for (const v of refsOf(text).variables) {
        const key = v.toLowerCase();
        const reads = index.get(key);
        if (!reads) index.set(key, [leaf]);
        else if (reads[reads.length - 1] !== leaf) reads.push(leaf);
      }
    }
  }
  return index;
}

/** A necessary condition of a variables('…') reference (refsOf's VAR_REF, case-insensitive). */
const VARIABLES_CALL = /variables\(/i;
