// Puts a v1 desktop flow's package script into the model (see pad-package.ts for the format).
// - No <Definition>: the package's script is the flow's script.
// - A <Definition> too (newer exports carry the flow twice): the <Definition> is linted; the package
//   only when its script differs, as a second entry "<Name> (package)", so no finding is made twice
//   from one and the same script.
import type { DesktopFlow, LoadProblem, Script, Solution } from '../model/types';
import type { SourceFile } from '../util/text';
import { PACKAGE_SCRIPT_ENTRY, PackageMap, readPackage, sameScript } from './pad-package';
import { makeScript } from './script';

/**
 * Reads the package in `jsonFile` for `flow`. Sets `flow.script` when the flow has none; returns
 * the extra entry to add when both scripts exist and differ. Problems go to `problems`.
 */
export function loadPackageScript(flow: DesktopFlow, jsonFile: SourceFile, problems: LoadProblem[], solution?: Solution): DesktopFlow[] {
  const read = readPackage(jsonFile);
  if (read.kind === 'none') return [];
  if (read.kind === 'error') {
    problems.push({ ruleId: 'flowcop/parse-error', loc: { file: jsonFile, span: read.span }, message: `desktop flow "${flow.name}": ${read.message}`, solution, flowName: flow.name });
    return [];
  }
  flow.packageLoc = { file: jsonFile, span: read.valueSpan };
  // An empty <Definition> (or "") holds no flow: the package is the script.
  const definition = flow.script && flow.script.text.trim() !== '' ? flow.script : undefined;
  if (definition && sameScript(definition.text, read.text)) return [];
  const script: Script = makeScript({ text: read.text, file: jsonFile, storage: 'json-string', map: new PackageMap(read.valueSpan, read.text.length) });
  script.fromPackage = { entry: PACKAGE_SCRIPT_ENTRY };
  const owner: DesktopFlow = definition
    ? { ...flow, name: `${flow.name} (package)`, script, definitionLoc: undefined, connectionReferences: [] }
    : Object.assign(flow, { definitionLoc: undefined });
  owner.script = script;
  for (const p of script.ast.problems) {
    problems.push({ ruleId: 'pad/syntax', loc: { file: jsonFile, span: script.map.toFileSpan(p.span) }, message: p.message, solution, flowName: owner.name, script, scriptSpan: p.span });
  }
  return owner === flow ? [] : [owner];
}
