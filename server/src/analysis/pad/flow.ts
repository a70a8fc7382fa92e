// The closures of the data flow over the edges collect.ts records: backward (which keys reach an
// argument of a role, with the witness), forward (which keys hold a secret, with the first reason),
// and the holders of a secret value as opposed to containers it is read out of. Each is linear in the
// number of edges.
import type { SourceKind } from './catalog';
import { Edge, Key, keyString, SecretReason, VariableInfo, Witness } from './types';

/** The edges and variables the closures walk. */
export class FlowGraph {
  private readonly byTarget = new Map<string, Edge[]>();
  private readonly bySource = new Map<string, Edge[]>();

  constructor(edges: readonly Edge[], private readonly variables: ReadonlyMap<string, VariableInfo>) {
    for (const e of edges) {
      push(this.byTarget, e.to.v, e);
      push(this.bySource, e.from.v, e);
    }
  }

  private nameOf(v: string): string {
    return this.variables.get(v)?.name ?? v;
  }

  /**
   * Keys whose value reaches the uses. `exact`: only through steps that carry the value itself, not
   * through a container it is read out of (a list or table element, a nested property, a property of a
   * value converted from another: the JSON text of a custom object).
   */
  backward(uses: Array<{ key: Key; witness: Witness }>, exact = false): Map<string, Witness> {
    const reached = new Map<string, Witness>();
    const byTarget = this.byTarget;
    const queue: Array<{ key: Key; witness: Witness }> = [];
    const add = (key: Key, witness: Witness) => {
      const ks = keyString(key);
      if (reached.has(ks)) return;
      reached.set(ks, witness);
      queue.push({ key, witness });
    };
    for (const u of uses) add(u.key, u.witness);
    for (let qi = 0; qi < queue.length; qi++) {
      const { key, witness } = queue[qi];
      const via = witness.via ?? this.nameOf(key.v);
      for (const e of byTarget.get(key.v) ?? []) {
        if (exact && (e.extract || (key.p !== undefined && e.to.p === undefined && !e.alias))) continue;
        const w: Witness = { ...witness, via: witness.via ?? via };
        if (e.to.p === undefined) {
          if (e.alias) add({ v: e.from.v, p: key.p ?? e.from.p }, w);
          else add(e.from, w);
        } else if (key.p === undefined || key.p === e.to.p) {
          add(e.from, w);
        }
      }
    }
    return reached;
  }

  /** Forward closure of what holds a secret, seed groups in order of how telling their reason is. A Credential variable copied whole stays sensitive by type (`autoSensitive` grows). */
  forward(seedGroups: Array<Array<{ key: Key; reason: SecretReason }>>, autoSensitive: Map<string, SourceKind>): Map<string, SecretReason> {
    const secrets = new Map<string, SecretReason>();
    const bySource = this.bySource;
    const queue: Key[] = [];
    const add = (key: Key, reason: SecretReason) => {
      const ks = keyString(key);
      if (secrets.has(ks)) return;
      secrets.set(ks, reason);
      queue.push(key);
    };
    let qi = 0;
    for (const group of seedGroups) {
      for (const s of group) add(s.key, s.reason);
      for (; qi < queue.length; qi++) {
        const key = queue[qi];
        const from = this.nameOf(key.v);
        for (const e of bySource.get(key.v) ?? []) {
          const reason: SecretReason = { kind: 'derived', from: key.p !== undefined ? `${from}.${key.pn ?? key.p}` : from };
          if (e.from.p === undefined) {
            if (e.alias) {
              add(e.to.p !== undefined ? e.to : { v: e.to.v, p: key.p, pn: key.pn }, reason);
              if (autoSensitive.get(key.v) === 'credential' && e.to.p === undefined) autoSensitive.set(e.to.v, 'credential');
            } else if (key.p === undefined) {
              add(e.to, reason);
            }
          } else if (key.p === undefined || key.p === e.from.p) {
            add(e.to, reason);
          }
        }
      }
    }
    return secrets;
  }

  /**
   * Forward closure of the holders of a secret value, by level: 3 holds the value; 2 is a container of it
   * that is a secret itself (marked sensitive by the author, or a copy or conversion of one); 1 is a
   * container only known from a value read out of it. A higher level wins. Levels 2 and 3 are holders.
   * A value (3) passes on being a value, as in `forward`. A container passes on its level to its copies
   * and conversions (whole-value steps) and level 1 to what is read out of it, except that the value of
   * one of its properties (not something nested in it) stored in a variable makes that variable a holder.
   */
  holders(seedGroups: Array<Array<{ key: Key; reason: SecretReason; level: 1 | 3 }>>, sensitive: Set<string>): Map<string, SecretReason> {
    const level = new Map<string, number>();
    const out = new Map<string, SecretReason>();
    const bySource = this.bySource;
    const queue: Key[] = [];
    const add = (key: Key, reason: SecretReason, l: number) => {
      // A container the author marked sensitive is a secret: its copies carry it.
      if (l === 1 && sensitive.has(key.v)) l = 2;
      const ks = keyString(key);
      if ((level.get(ks) ?? 0) >= l) return;
      level.set(ks, l);
      if (l >= 2 && !out.has(ks)) out.set(ks, reason);
      queue.push(key);
    };
    let qi = 0;
    for (const group of seedGroups) {
      for (const s of group) add(s.key, s.reason, s.level);
      for (; qi < queue.length; qi++) {
        const key = queue[qi];
        const l = level.get(keyString(key))!;
        const read = l === 3 ? 3 : 1;
        const from = this.nameOf(key.v);
        for (const e of bySource.get(key.v) ?? []) {
          const reason: SecretReason = { kind: 'derived', from: key.p !== undefined ? `${from}.${key.pn ?? key.p}` : from };
          if (e.from.p === undefined) {
            if (e.alias) add(e.to.p !== undefined ? e.to : { v: e.to.v, p: key.p, pn: key.pn }, reason, l);
            else if (key.p === undefined) add(e.to, reason, e.extract ? read : l);
          } else if (key.p === undefined) {
            add(e.to, reason, read);
          } else if (key.p === e.from.p) {
            add(e.to, reason, e.extract ? read : e.to.p === undefined ? 3 : l);
          }
        }
      }
    }
    return out;
  }

}

function push(map: Map<string, Edge[]>, key: string, e: Edge): void {
  const list = map.get(key);
  if (list) list.push(e);
  else map.set(key, [e]);
}
