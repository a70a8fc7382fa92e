// A flow exported with both a <Definition> and a differing v1 `package` is linted twice (the package as
// "<Name> (package)", load/pad-package-flow.ts). A finding of the package whose rule, message and
// script line are also found in the <Definition> is the same finding: it is dropped, so the package
// reports only what differs.
import type { DesktopFlow, Script, Solution } from '../model/types';
import type { Finding } from './finding';

export function dropRepeatedPackageFindings(findings: Finding[]): Finding[] {
  if (!findings.some(f => f.owner.script?.fromPackage && f.owner.desktopFlow)) return findings;
  const keys = new Set<string>();
  for (const f of findings) {
    const key = definitionTwinKey(f);
    if (key) keys.add(key);
  }
  return findings.filter(f => {
    if (!f.owner.script?.fromPackage || !f.owner.desktopFlow) return true;
    return !keys.has(findingKey(f.owner.desktopFlow.id, f, f.owner.script));
  });
}

/** The key of a finding of a <Definition> script whose flow also has a package entry. */
function definitionTwinKey(f: Finding): string | undefined {
  const { script, desktopFlow, solution } = f.owner;
  if (!script || script.fromPackage || !desktopFlow || !hasPackageTwin(solution, desktopFlow)) return undefined;
  return findingKey(desktopFlow.id, f, script);
}

const twins = new WeakMap<Solution, Set<string>>();

function hasPackageTwin(solution: Solution | undefined, flow: DesktopFlow): boolean {
  if (!solution) return false;
  let ids = twins.get(solution);
  if (!ids) {
    ids = new Set(solution.desktopFlows.filter(d => d.script?.fromPackage).map(d => d.id));
    twins.set(solution, ids);
  }
  return ids.has(flow.id);
}

/** Rule, message and where: the script line's text, or the place in a file shared by both copies (the <Workflow> metadata). */
function findingKey(flowId: string, f: Finding, script: Script): string {
  const where = f.scriptSpan ? lineText(script.text, f.scriptSpan.start) : `${f.loc.file.path}\u0000${f.loc.file.entry ?? ''}\u0000${f.loc.span.start}:${f.loc.span.end}`;
  return `${flowId}\u0000${f.ruleId}\u0000${f.message}\u0000${where}`;
}

/** The text of the line holding `offset`, trimmed (the same line in both copies, wherever it sits). */
function lineText(text: string, offset: number): string {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  let end = text.indexOf('\n', offset);
  if (end < 0) end = text.length;
  return text.slice(start, end).trim();
}
