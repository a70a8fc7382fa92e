// A legacy `ApiConnection` action (flows exported before OpenApiConnection, legacy packages) encodes
// its parameters in its `path`: `/drives/@{encodeURIComponent('b!…')}/files/@{encodeURIComponent('01FT…')}/tables/…`.
// The constant after each named segment is the value an OpenApiConnection action passes as that
// parameter (`drive`, `file`, `dataset`, `table`), so a rule can judge both forms alike.
import type { StringLeaf } from './leaves';

/** A parameter value inside a legacy path, at decoded offsets of the leaf text. */
export interface PathParameter {
  /** The OpenApiConnection parameter it stands for: `drive`, `file`, `dataset`, `table`. */
  name: string;
  value: string;
  start: number;
  end: number;
}

const SEGMENT_PARAMETER: Record<string, string> = { drives: 'drive', files: 'file', items: 'file', datasets: 'dataset', tables: 'table' };
const ENCODED_SEGMENT = /\/(drives|files|items|datasets|tables)\/@\{\s*(?:encodeURIComponent\(\s*)+'((?:[^']|'')*)'/gi;

/** The parameter values a legacy ApiConnection action's `path` encodes (empty for any other leaf). */
export function legacyPathParameters(leaf: StringLeaf): PathParameter[] {
  if (!/^ApiConnection$/i.test(leaf.action.type) || leaf.path.length !== 1 || leaf.path[0] !== 'path') return [];
  const out: PathParameter[] = [];
  for (const m of leaf.text.matchAll(ENCODED_SEGMENT)) {
    const end = m.index! + m[0].length - 1;
    const start = end - m[2].length;
    if (m[2]) out.push({ name: SEGMENT_PARAMETER[m[1].toLowerCase()], value: m[2].replace(/''/g, "'"), start, end });
  }
  return out;
}
