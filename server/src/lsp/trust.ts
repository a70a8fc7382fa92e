// Which Get credential template the editor's fixes may use. The template's text goes verbatim into
// fixed desktop flows, so it is taken only from places the user trusts:
//   - the setting flowcop.getCredentialTemplate (VS Code already drops the workspace's value of it in
//     Restricted Mode), if it is a single Get credential action;
//   - flowcop.json's getCredentialTemplate (already checked the same way when the file is read) only
//     when the workspace is trusted;
//   - else the built-in template (fix/pad.ts).
import type { ConfigResolver } from '../findings/config';
import { credentialTemplateProblem } from '../findings/credential-template';

export interface TemplateSources {
  /** The editor setting flowcop.getCredentialTemplate ('' when unset). */
  setting: string;
  /** The unit's flowcop.json files. */
  configs: ConfigResolver | undefined;
  /** vscode.workspace.isTrusted, as the client reported it. */
  trusted: boolean;
}

export interface TemplateChoice {
  /** The setting, when it may be used (FixContext.getCredentialTemplate). */
  getCredentialTemplate?: string;
  /** The configs the fixes read getCredentialTemplate from (FixContext.configs). */
  configs: ConfigResolver | undefined;
  /** Why the setting was not used, when it was set. */
  settingProblem?: string;
}

export function chooseCredentialTemplate(sources: TemplateSources): TemplateChoice {
  const settingProblem = sources.setting ? credentialTemplateProblem(sources.setting) : undefined;
  return {
    getCredentialTemplate: sources.setting && !settingProblem ? sources.setting : undefined,
    configs: sources.trusted ? sources.configs : sources.configs?.withoutCredentialTemplates(),
    settingProblem,
  };
}
