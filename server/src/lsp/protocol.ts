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
  /** Dataverse URL and environment id flowcop.json gives it (`environments: { "Prod": { "url": … } }`). */
  url?: string;
  id?: string;
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

/**
 * `flowcop/matrix` (client → server): each solution's environment variables and connection references
 * (rows) against the environments its settings files name (columns), with each cell's state and the
 * findings about it, and a findings overview. Never carries a secret's value: a Secret (or a variable
 * FlowCop finds holding one) shows "Key Vault reference", "missing" or "(secret)".
 */
export const MatrixRequest = 'flowcop/matrix';
export interface MatrixParams {
  /** Unique name of one solution; every solution when absent. */
  solution?: string;
}
export interface MatrixResult {
  /** The active environment (null = all). */
  environment: string | null;
  solutions: MatrixSolution[];
}

export interface MatrixSolution {
  uniqueName: string;
  displayName: string;
  root: string;
  /** One per settings file of the solution (a shared "default" template file included), sorted by stage. */
  columns: MatrixColumn[];
  rows: MatrixRow[];
  overview: FindingsOverview;
}

export interface MatrixColumn {
  environment: string;
  /** The settings file (absolute path). */
  file: string;
  /** Whether this is the active environment. */
  active: boolean;
  /** Dataverse URL or id flowcop.json gives the environment, when it does. */
  url?: string;
  id?: string;
  /**
   * The shared "default" settings file (deploymentSettings.json beside per-environment files): a template whose
   * values count for every environment; its cells without an entry are `none`, not `missing`.
   */
  template?: boolean;
  /** The stage the environment's name stands for (Dev → dev; Test, QA, UAT → test; Prod → prod). */
  stage?: 'dev' | 'test' | 'prod';
  /** Findings about the environment's settings as a whole (settings/single-identity); also in the cells they name. */
  findings?: MatrixFinding[];
}

/**
 * ok: a value or binding; empty: an entry with an empty value; missing: no entry; default: no entry, the
 * definition's default applies; shared: the same connection or account as another environment; bleed: the
 * value names another environment or stage; unknown: an entry for nothing the solution defines (its own
 * row); invalid: a value the import refuses (import-failure); none: nothing to show (a default or committed
 * value column left unset).
 */
export type MatrixCellState = 'ok' | 'empty' | 'missing' | 'default' | 'shared' | 'bleed' | 'unknown' | 'invalid' | 'none';

export interface MatrixRow {
  kind: 'environmentVariable' | 'connectionReference';
  /** Schema name (variables) or logical name (connection references). */
  name: string;
  displayName: string;
  /** Variable type (String, Number, Secret…) or connector name. */
  type: string;
  secret: boolean;
  /** Where the solution defines it; absent for a row of unknown settings entries. */
  definition?: FileLocation;
  /** The definition's default value and the committed current value (variables only). */
  defaultValue?: MatrixCell;
  committedValue?: MatrixCell;
  /** One per column, in the columns' order. */
  cells: MatrixCell[];
  /** Findings about the definition itself (solution/* rules naming it: held as text, unused, committed value). */
  findings?: MatrixFinding[];
}

export interface MatrixCell {
  /**
   * The value or ConnectionId to show. Secrets never: a secret's cell shows "Key Vault reference", "Key Vault
   * reference (incomplete)", "Key Vault placeholder", "placeholder", a pipeline token, "(secret)" or "missing".
   */
  text: string;
  state: MatrixCellState;
  /** The entry in the settings file (its value), else where an entry would go; opening a cell goes here. */
  location?: FileLocation;
  findings: MatrixFinding[];
  /** Edits a cell offers (add the missing entry, fill an empty value, rename an unknown entry…). */
  actions: MatrixAction[];
  /**
   * Where the value shown comes from: settings: this column's entry; shared: no entry, the shared "default"
   * settings file gives it; default: no entry, the definition's default value applies. Absent: no value.
   */
  source?: 'settings' | 'shared' | 'default';
}

export interface MatrixFinding {
  /** The finding's id in the server's last analysis (as in a diagnostic's data). */
  id: string;
  ruleId: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  location: FileLocation;
}

export interface MatrixAction {
  title: string;
  edit: MatrixEditParams;
  /** Asks the user for the value first (the edit's value is the suggestion). */
  promptForValue?: boolean;
}

/** `flowcop/matrixEdit` (client → server): the minimal text edit a matrix action makes to a settings file. */
export const MatrixEditRequest = 'flowcop/matrixEdit';
export interface MatrixEditParams {
  /** The settings file (absolute path). */
  file: string;
  kind: 'environmentVariable' | 'connectionReference';
  name: string;
  /** set: add the entry or replace its value; remove: delete the entry; rename: change its name to newName. */
  action: 'set' | 'remove' | 'rename';
  value?: string;
  newName?: string;
}
export interface MatrixEditResult {
  /** LSP TextEdits (0-based positions) to apply to `file`, computed from the text the server holds for it. */
  edits?: Array<{ range: FileLocation['range']; newText: string }>;
  /**
   * What the edits were computed from: the open document's version, or (a file no editor has open) the
   * SHA-256, hex, of its text as an editor holds it (UTF-8, without the BOM). Apply only over that text.
   */
  basedOn?: { version?: number; hash?: string };
  error?: string;
}

/** Per solution: what FlowCop finds, counted, and the values to move first. */
export interface FindingsOverview {
  total: number;
  byCategory: Array<{ category: string; count: number }>;
  byRule: Array<{ ruleId: string; category: string; severity: 'error' | 'warning' | 'info'; count: number; findings: MatrixFinding[] }>;
  /** The same environment-specific value in many places (most places first); secret values never shown. */
  valuesToMove: Array<{ text: string; count: number; ruleIds: string[]; findings: MatrixFinding[] }>;
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
