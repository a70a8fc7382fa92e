// Property checks shared by the fuzz targets: every span a loader or rule reports lies inside the text
// it points into (0 ≤ start ≤ end ≤ length). A violation throws a FuzzViolation naming the offending path.
import type { Finding } from '../../../server/src/findings/finding';
import type { LoadProblem, Workspace } from '../../../server/src/model/types';

export class FuzzViolation extends Error {
  override name = 'FuzzViolation';
}

export function violation(message: string): never {
  throw new FuzzViolation(message);
}

export function checkSpan(where: string, span: { start: number; end: number } | undefined, length: number): void {
  if (!span) return;
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > length) {
    violation(`${where}: span {${start}, ${end}} is outside [0, ${length}]`);
  }
}

export function checkOffset(where: string, offset: number | undefined, length: number): void {
  if (offset === undefined) return;
  if (!Number.isInteger(offset) || offset < 0 || offset > length) violation(`${where}: offset ${offset} is outside [0, ${length}]`);
}

const SPAN_KEY = /span$/i;

/**
 * Walks any parse tree (objects and arrays, iteratively: trees may be deep) and checks every property
 * whose name ends in "span" (span, keySpan, valueSpan…) and every `startTag`/`content` span.
 */
export function checkTreeSpans(where: string, root: unknown, length: number): number {
  const stack: Array<{ node: unknown; path: string }> = [{ node: root, path: where }];
  const seen = new Set<object>();
  let count = 0;
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (!node || typeof node !== 'object' || seen.has(node)) continue;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) stack.push({ node: node[i], path: `${path}[${i}]` });
      continue;
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === 'parent') continue;
      if ((SPAN_KEY.test(key) || key === 'startTag' || key === 'content') && isSpan(value)) {
        checkSpan(`${path}.${key}`, value, length);
        count++;
      } else if (value && typeof value === 'object') stack.push({ node: value, path: `${path}.${key}` });
    }
  }
  return count;
}

function isSpan(v: unknown): v is { start: number; end: number } {
  return !!v && typeof v === 'object' && typeof (v as { start?: unknown }).start === 'number' && typeof (v as { end?: unknown }).end === 'number';
}

/** A finding's file span, and for script findings its script span and the script span mapped back. */
export function checkFinding(f: Finding): void {
  const label = `${f.ruleId} "${f.message.slice(0, 80)}"`;
  checkSpan(`finding ${label} loc`, f.loc.span, f.loc.file.text.length);
  const script = f.owner.script ?? f.owner.desktopFlow?.script ?? f.owner.standalone?.script;
  if (f.scriptSpan && script) {
    checkSpan(`finding ${label} scriptSpan`, f.scriptSpan, script.text.length);
    const mapped = script.map.toFileSpan(f.scriptSpan);
    checkSpan(`finding ${label} scriptSpan mapped to ${script.file.path}`, mapped, script.file.text.length);
  }
}

export function checkLoadProblem(p: LoadProblem): void {
  const label = `${p.ruleId} "${p.message.slice(0, 80)}"`;
  checkSpan(`problem ${label} loc`, p.loc.span, p.loc.file.text.length);
  if (p.script && p.scriptSpan) {
    checkSpan(`problem ${label} scriptSpan`, p.scriptSpan, p.script.text.length);
    checkSpan(`problem ${label} scriptSpan mapped`, p.script.map.toFileSpan(p.scriptSpan), p.script.file.text.length);
  }
}

/** Every script of the workspace: its map stays inside its file and its AST inside its text. */
export function checkWorkspace(ws: Workspace): void {
  for (const p of ws.problems) checkLoadProblem(p);
  const scripts = [
    ...ws.solutions.flatMap(s => s.desktopFlows.map(d => d.script)),
    ...ws.scripts.map(s => s.script),
  ];
  for (const script of scripts) {
    if (!script) continue;
    checkSpan(`script of ${script.file.path} fileSpan`, script.map.fileSpan, script.file.text.length);
    if (script.map.scriptLength !== script.text.length) violation(`script of ${script.file.path}: map length ${script.map.scriptLength} ≠ text length ${script.text.length}`);
    checkTreeSpans(`ast of ${script.file.path}`, script.ast, script.text.length);
  }
}
