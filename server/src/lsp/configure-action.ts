// "Configure <rule> in flowcop.json": adds the rule at its current level to the flowcop.json that applies
// (creating one beside the solution when there is none) and reveals it; when the rule is already listed,
// only reveals it.
import * as nodePath from 'node:path';
import { CodeAction, CodeActionKind, Command, Diagnostic } from 'vscode-languageserver';
import { CONFIG_FILE } from '../findings/config';
import { ChangeBuilder, FixError, WorkspaceChange } from '../fix/change';
import { parseJson, prop } from '../load/json';
import { ruleById } from '../rules/registry';
import { Commands } from './protocol';
import type { Located } from './publisher';
import { pathToUri } from './uri';

/** `asAction` turns the change into the action (its edit, or disabled with the reason it cannot apply). */
export function configureAction(found: Located, diag: Diagnostic | undefined, asAction: (title: string, change: WorkspaceChange) => CodeAction): CodeAction | undefined {
  const { finding, unit } = found;
  const rule = ruleById(finding.ruleId);
  if (!rule) return undefined;
  const diagnostics = diag ? [diag] : undefined;
  const solution = finding.owner.solution;
  const anchor = solution ? (solution.layout === 'zip' ? nodePath.dirname(solution.root) : solution.root) : nodePath.dirname(finding.loc.file.path);
  const config = unit.configs?.configFor(anchor);
  const level = config?.rules[finding.ruleId]?.level ?? rule.meta.defaultSeverity;
  const title = `Configure ${finding.ruleId} in ${CONFIG_FILE}`;
  const reveal = (path: string): Command => Command.create('Reveal the rule in flowcop.json', Commands.revealText, pathToUri(path), `"${finding.ruleId}"`);
  if (config?.file && !config.file.entry && config.file.hash) {
    const file = config.file;
    const existing = prop(prop(parseJson(file.text).root, 'rules'), finding.ruleId);
    if (existing) return { title, kind: CodeActionKind.QuickFix, diagnostics, command: reveal(file.path) };
    const b = new ChangeBuilder();
    try {
      b.modifyJson(file, ['rules', finding.ruleId], level);
    } catch (e) {
      // flowcop.json that cannot be edited safely (broken, too deep, "rules" not an object): say why.
      if (e instanceof FixError) return { title, kind: CodeActionKind.QuickFix, diagnostics, disabled: { reason: e.message } };
      throw e;
    }
    const action = asAction(title, b.build());
    action.command = reveal(file.path);
    return action;
  }
  const dir = solution?.layout === 'cdsproj' && solution.projectFile ? nodePath.dirname(solution.projectFile) : anchor;
  const path = nodePath.join(dir, CONFIG_FILE);
  const b = new ChangeBuilder();
  b.create(path, `${JSON.stringify({ rules: { [finding.ruleId]: level } }, null, 2)}\n`);
  const action = asAction(title, b.build());
  action.command = reveal(path);
  return action;
}
