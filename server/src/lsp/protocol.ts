// The messages between the VS Code client (client/src) and the language server (server/src/lsp), beyond
// standard LSP. Types only, plus the method names: the client bundles this file too, so it must stay free
// of `vscode` and of the engine.

/** A position in a file, 0-based, UTF-16 columns (LSP's convention). */
export interface FileLocation {
  /** Absolute path. */
  path: string;
  /** Entry inside a .zip, when the file is in a packed solution. */
  entry?: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
}

/** `flowcop/scanStatus` (server → client): after every scan, full or partial. */
export interface ScanStatus {
  reason: string;
  /** full: the whole workspace; partial: some solutions or scripts. */
  scope: 'full' | 'partial';
  files: number;
  solutions: number;
  scripts: number;
  findings: { error: number; warning: number; info: number };
  /** Wall time of this scan, in milliseconds. */
  ms: number;
  cancelled: boolean;
  environment: string | null;
}
export const ScanStatusNotification = 'flowcop/scanStatus';

/** `flowcop/scanStarted` (server → client): a whole-workspace scan began (it reports `window/workDoneProgress` too). */
export const ScanStartedNotification = 'flowcop/scanStarted';
export interface ScanStarted { reason: string }

/**
 * `flowcop/cancelScan` (client → server): stop the running workspace scan after the unit being linted (the
 * progress is cancellable as well, but VS Code's language client shows server progress in the status bar,
 * which has no cancel button: the language status item offers this instead).
 */
export const CancelScanNotification = 'flowcop/cancelScan';

/**
 * `flowcop/workspaceTrusted` (client → server): the user trusted the workspace (Restricted Mode ended).
 * Until then the server ignores flowcop.json's getCredentialTemplate, as VS Code ignores the workspace's
 * flowcop.getCredentialTemplate setting.
 */
export const WorkspaceTrustedNotification = 'flowcop/workspaceTrusted';

export interface EnvironmentInfo {
  /** As first spelled in the settings files (matching is case-insensitive). */
  name: string;
  /** Settings files naming this environment (absolute paths). */
  files: string[];
  solutions: string[];
}

/** `flowcop/environments` (client → server): the environments found in the workspace. */
export const EnvironmentsRequest = 'flowcop/environments';
export interface EnvironmentsResult { environments: EnvironmentInfo[]; active: string | null }

/** `flowcop/setEnvironment` (client → server): the active environment (null = all); answers after the re-check. */
export const SetEnvironmentRequest = 'flowcop/setEnvironment';
export interface SetEnvironmentParams { environment: string | null }

/** `flowcop/model` (client → server): what the FlowCop views show. Never carries a Secret's value. */
export const ModelRequest = 'flowcop/model';

export interface ModelResult {
  environment: string | null;
  solutions: ModelSolution[];
}

export interface ModelSolution {
  uniqueName: string;
  displayName: string;
  root: string;
  layout: string;
  connectionReferences: ModelConnectionReference[];
  environmentVariables: ModelEnvironmentVariable[];
  desktopFlows: ModelDesktopFlow[];
}

export interface ModelBinding {
  environment: string;
  /** The settings file's ConnectionId, or null when the file has no (or an empty) binding. */
  connectionId: string | null;
  file: string;
}

export interface ModelConnectionReference {
  logicalName: string;
  displayName: string;
  connectorName: string;
  connectorId: string;
  definition: FileLocation;
  /** Bindings in the active environment's settings (every environment's when none is active). */
  bindings: ModelBinding[];
  /** Environments among those shown whose settings have no binding for it. */
  unbound: string[];
  usages: Array<{ kind: 'cloud' | 'desktop'; flowName: string; location: FileLocation }>;
}

export interface ModelValue {
  /** The value to show; "(secret)" for a Secret. */
  text: string;
  source: 'settings' | 'current' | 'default' | 'none';
  environment?: string;
  file?: string;
}

export interface ModelEnvironmentVariable {
  schemaName: string;
  displayName: string;
  kind: string;
  description?: string;
  secret: boolean;
  definition: FileLocation;
  /** The value in the active environment (settings, else current value, else default). */
  value: ModelValue;
  /** Per environment (every environment the solution has settings for). */
  perEnvironment: ModelValue[];
  defaultValue?: string;
  currentValue?: string;
}

export interface ModelDesktopFlow {
  id: string;
  name: string;
  /** The XML file holding the <Definition>. */
  xmlPath: string;
  hasScript: boolean;
  location: FileLocation;
  /** The script is shown read-only (a YAML workflow.yml's Definition, a v1 flow JSON's package). */
  readOnly?: boolean;
  /** The file the script is read from, when not xmlPath (a v1 flow's JSON). */
  scriptPath?: string;
}

/** `flowcop/lintZip` (client → server): lint a packed solution .zip in memory and publish its findings on it. */
export const LintZipRequest = 'flowcop/lintZip';
export interface LintZipParams { path: string }
export interface LintZipResult { findings: number; solutions: number; error?: string }

/** `flowcop/rescan` (client → server): analyse the whole workspace again. */
export const RescanRequest = 'flowcop/rescan';

/** The scheme of decoded desktop-flow scripts: `flowcop-script:/<xml path>/<flow name>.robin?<flow id>`. */
export const SCRIPT_SCHEME = 'flowcop-script';

/** Client commands the server's code actions call. */
export const Commands = {
  showRuleDocumentation: 'flowcop.showRuleDocumentation',
  revealText: 'flowcop.revealText',
} as const;

/** What a diagnostic's `data` holds. */
export interface DiagnosticData {
  /** Identifies the finding in the server's last analysis. */
  id: string;
  ruleId: string;
}

/** The language server's initializationOptions. */
export interface InitializationOptions {
  environment: string | null;
  settings: ClientSettings;
  /** vscode.workspace.isTrusted at start; when absent the workspace counts as untrusted. */
  workspaceTrusted?: boolean;
}

export interface RuleCustomization {
  rule: string;
  severity: 'downgrade' | 'upgrade' | 'error' | 'warning' | 'warn' | 'info' | 'off' | 'default';
}

export interface ClientSettings {
  enable: boolean;
  rulesCustomizations: RuleCustomization[];
  getCredentialTemplate: string;
}
