// The Get credential template (flowcop.json `getCredentialTemplate`, the editor setting
// `flowcop.getCredentialTemplate`) is inserted verbatim into fixed desktop flows, so a repository
// could otherwise make the fix plant any action (e.g. System.RunDOSCommand fetching a script).
// It must be exactly one Get credential action: nothing before, after or under it.
import { parseScript } from '../load/pad/parser';

/** Module and action of the Power Automate "Get credential" action (Power Automate secret variables). */
const CREDENTIAL_MODULE = 'powerautomatesecretvariables';
const CREDENTIAL_ACTIONS = new Set(['getcredential']);

/** Stand-ins for `${credential}` and `${variable}` while the template is parsed. */
const SAMPLE_NAME = 'FlowCopCredential';

/**
 * Why this template may not be used, or undefined when it is a single Get credential action.
 * The template is checked after its placeholders are filled in, as the fix renders it.
 */
export function credentialTemplateProblem(template: string): string | undefined {
  if (!template.trim()) return 'the template is empty';
  const rendered = template.replace(/\$\{credential\}/g, SAMPLE_NAME).replace(/\$\{variable\}/g, SAMPLE_NAME);
  const ast = parseScript(rendered);
  if (ast.problems.length) return 'the template is not a valid desktop-flow action';
  if (ast.headers.length || ast.imports.length || ast.sensitive || ast.declarations.length || ast.functions.length || ast.clipboardTrailer || ast.comments.length) {
    return 'the template may hold only the Get credential action (no headers, declarations, subflows or comments)';
  }
  if (ast.body.length !== 1) return `the template must be exactly one statement (it has ${ast.body.length})`;
  const stmt = ast.body[0];
  if (stmt.kind !== 'action') return 'the template must be a Get credential action (PowerAutomateSecretVariables.GetCredential)';
  if (stmt.module.toLowerCase() !== CREDENTIAL_MODULE || !CREDENTIAL_ACTIONS.has(stmt.action.toLowerCase())) {
    return `the template must be a Get credential action (PowerAutomateSecretVariables.GetCredential), not ${stmt.id}`;
  }
  if (stmt.onError?.length) return 'the template may not carry ON ERROR handlers';
  return undefined;
}
