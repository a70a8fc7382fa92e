// The one model every rule, reporter, fix and view reads. Loaders build it; nothing in it does I/O.
import type { Node as JsonNode } from 'jsonc-parser';
import type { SourceFile, Span } from '../util/text';
import type { ScriptAst } from './pad-ast';
import type { PipelineFile } from './pipeline';
import type { AppliedPolicies } from './dlp';

/** A place in a real file. */
export interface Loc {
  file: SourceFile;
  span: Span;
}

export type Layout =
  /** `pac solution unpack` / SolutionPackager: Other/Solution.xml + Workflows/*.json(.data.xml). */
  | 'unpacked'
  /** `pac solution clone`: the unpacked tree under src/ beside a .cdsproj. */
  | 'cdsproj'
  /** An extracted solution zip: solution.xml + customizations.xml with workflows inline. */
  | 'raw'
  /** A packed solution .zip, read in memory. */
  | 'zip'
  /** An extracted legacy flow package (manifest.json + Microsoft.Flow/flows/); a zipped one is 'zip' with `package` set. */
  | 'package'
  /** Dataverse Git integration's YAML source layout: R/solutions/<Unique>/solution.yml + one folder per component. */
  | 'yaml';

export interface Solution {
  uniqueName: string;
  displayName: string;
  version: string;
  managed: boolean;
  publisher: { uniqueName: string; prefix: string };
  layout: Layout;
  /** Folder holding Other/ (unpacked, cdsproj) or solution.xml (raw); the .zip path for zips. */
  root: string;
  /** The .cdsproj file for the clone layout. */
  projectFile?: string;
  /** Solution.xml / solution.xml; absent in a partial tree (components without the manifest). */
  manifest?: SourceFile;
  /** Span of <UniqueName> in the manifest. */
  nameLoc?: Loc;
  /** Customizations.xml / customizations.xml, when readable. */
  customizations?: SourceFile;
  rootComponents: RootComponent[];
  /**
   * Schema names of components other solutions provide, where the layout keeps them out of the manifest
   * (the YAML layout's missingdependencies.yml); the XML layouts list them in the manifest itself.
   */
  missingDependencies?: string[];
  connectionReferences: ConnectionReference[];
  /** Canvas apps whose metadata the layout holds (CanvasApps/*.meta.xml, <CanvasApp> in customizations.xml); absent where the loader does not read them. */
  canvasApps?: CanvasAppInfo[];
  environmentVariables: EnvironmentVariableDefinition[];
  cloudFlows: CloudFlow[];
  desktopFlows: DesktopFlow[];
  /** Deployment settings files associated with this solution, one per environment. */
  environments: DeploymentSettings[];
  /** Set for a legacy flow package ("Export › Package (.zip)"): no references, variables or fixes. */
  package?: LegacyPackage;
}

/** What a legacy flow package adds to the Solution it is modelled as (load/package.ts). */
export interface LegacyPackage {
  /** The root manifest.json (its `resources` keyed by id). */
  manifest: SourceFile;
  description?: string;
}

/** A canvas app as its metadata describes it (load/canvas-apps.ts). */
export interface CanvasAppInfo {
  /** Its schema name, as the manifest's root component names it. */
  name: string;
  /** Connector names it uses (`shared_azureblob`, lower case); undefined when the metadata cannot tell. */
  connectors?: string[];
  loc: Loc;
}

export interface RootComponent {
  type: number;
  id?: string;
  schemaName?: string;
  loc: Loc;
}

export interface ConnectionReference {
  logicalName: string;
  displayName: string;
  /** Full connector id, e.g. `/providers/Microsoft.PowerApps/apis/shared_sharepointonline`. */
  connectorId: string;
  /** Last segment of the connector id, e.g. `shared_sharepointonline`. */
  connectorName: string;
  /** Span of the logical name attribute value. */
  loc: Loc;
}

export type EnvironmentVariableKind = 'String' | 'Number' | 'Boolean' | 'JSON' | 'DataSource' | 'Secret' | 'Unknown';

export const ENV_VAR_TYPES: Record<number, EnvironmentVariableKind> = {
  100000000: 'String',
  100000001: 'Number',
  100000002: 'Boolean',
  100000003: 'JSON',
  100000004: 'DataSource',
  100000005: 'Secret',
};

export interface LocatedValue {
  value: string;
  loc: Loc;
}

export interface EnvironmentVariableDefinition {
  schemaName: string;
  displayName: string;
  description?: string;
  /** The <type> code (100000000 … 100000005); NaN when missing or unreadable. */
  typeCode: number;
  kind: EnvironmentVariableKind;
  /** <secretstore>: 0 Azure Key Vault, 1 Dataverse. */
  secretStore?: number;
  defaultValue?: LocatedValue;
  /** Value committed in environmentvariablevalues.json beside the definition. */
  currentValue?: LocatedValue & { file: SourceFile };
  /** The definition file (environmentvariabledefinition.xml, or customizations.xml for raw layouts). */
  file: SourceFile;
  /** Span of the schema name (attribute value or element text). */
  loc: Loc;
}

// ---------------------------------------------------------------------------------------------
// Cloud flows

export interface CloudFlow {
  /** Workflow id: lower-case GUID without braces. */
  id: string;
  name: string;
  /** The flow definition JSON file (Workflows/<Name>-<GUID>.json). */
  file: SourceFile;
  /** Parsed JSON with offsets into file.text. */
  json: JsonNode;
  /** The <Workflow> element's file (a .json.data.xml sidecar or customizations.xml). */
  metadataFile?: SourceFile;
  /** properties.connectionReferences entries. */
  connectionReferences: FlowConnectionReference[];
  /** definition.parameters entries other than $connections / $authentication. */
  parameters: FlowParameter[];
  triggers: FlowAction[];
  /** Every action, nested ones included, in document order. */
  actions: FlowAction[];
  /** Uses of `parameters('…')` anywhere in the definition. */
  parameterUses: ParameterUse[];
}

export interface FlowConnectionReference {
  /** Key in properties.connectionReferences, used by inputs.host.connectionName. */
  key: string;
  /** connection.connectionReferenceLogicalName, when the flow uses a connection reference. */
  logicalName?: string;
  /** connection.name (an embedded connection), when there is no logical name. */
  connectionName?: string;
  apiName?: string;
  runtimeSource?: string;
  node: JsonNode;
  loc: Loc;
}

export interface FlowParameter {
  /** The parameter key, e.g. `Input Folder (cr123_InputFolder)`. */
  name: string;
  schemaName?: string;
  type?: string;
  defaultValue?: JsonNode;
  node: JsonNode;
  loc: Loc;
}

export interface ParameterUse {
  /** The parameter name inside parameters('…'). */
  name: string;
  /** The enclosing action or trigger, if any. */
  action?: FlowAction;
  loc: Loc;
}

export interface FlowAction {
  name: string;
  /** `type` of the action (OpenApiConnection, Http, If, Scope, Foreach, Switch, …). */
  type: string;
  trigger: boolean;
  /** The action's JSON object. */
  node: JsonNode;
  /** Its `inputs` object, if any. */
  inputs?: JsonNode;
  host?: { connectionName?: string; operationId?: string; apiId?: string };
  description?: string;
  /** The enclosing Scope/If/Switch/Foreach/Until action. */
  parent?: FlowAction;
  /** JSON pointer of the action object, e.g. `/properties/definition/actions/Scope/actions/Send`. */
  pointer: string;
  /** Span of the action's key (its name) in the file. */
  loc: Loc;
}

// ---------------------------------------------------------------------------------------------
// Desktop flows and scripts

export type ScriptStorage =
  /** <Definition> holds a JSON string literal (what Power Platform exports). */
  | 'json-string'
  /** <Definition> holds the script as XML-escaped text. */
  | 'xml-text'
  /** A file holding the script itself (.robin, .txt): a designer clipboard copy or a saved definition. */
  | 'file';

export interface Script {
  /** Decoded script text. */
  text: string;
  /** The real file the script lives in. */
  file: SourceFile;
  storage: ScriptStorage;
  /** Maps script offsets to file offsets and back. */
  map: SourceMap;
  /** How a <Definition> escapes characters, for edits; undefined for script files. */
  style?: EncodingStyle;
  ast: ScriptAst;
  /** A designer clipboard copy: no @@ header, no @SENSITIVE, no @INPUT (cannot carry them). */
  clipboard: boolean;
  /** Decoded from a v1 desktop flow's base64-zipped `package` (load/pad-package.ts): read-only. */
  fromPackage?: { entry: string };
}

export interface FlowVariableSchema {
  name: string;
  type?: string;
  /** `"format": "password"` in the flow's <Inputs>/<Outputs> JSON schema. */
  sensitive: boolean;
  defaultValue?: unknown;
}

export interface DesktopFlow {
  id: string;
  name: string;
  /** The file holding the <Workflow> element (sidecar or customizations.xml). */
  metadataFile: SourceFile;
  /** Span of the <Workflow> element's Name attribute value. */
  loc: Loc;
  /** Span of the raw <Definition> text in metadataFile. */
  definitionLoc?: Loc;
  script?: Script;
  inputs: FlowVariableSchema[];
  outputs: FlowVariableSchema[];
  /** Parsed <ConnectionReferences> JSON: logical names this desktop flow uses. */
  connectionReferences: string[];
  /** The Workflows/*.json stub, when present. */
  stubFile?: string;
  /** A v1 export: the `package` value in the stub that holds the script, base64-zipped (load/pad-package.ts). */
  packageLoc?: Loc;
}

/** A desktop-flow script found on its own (.robin, script-like .txt). */
export interface StandaloneScript {
  name: string;
  script: Script;
}

// ---------------------------------------------------------------------------------------------
// Deployment settings

export interface SettingsEnvironmentVariable {
  schemaName: string;
  value: string | null;
  /** Span of the entry object. */
  loc: Loc;
  /** Span of the Value string (or the entry when missing). */
  valueLoc: Loc;
}

export interface SettingsConnectionReference {
  logicalName: string;
  connectionId: string | null;
  connectorId?: string;
  loc: Loc;
  valueLoc: Loc;
}

export interface DeploymentSettings {
  /** Environment name as discovered (folder name or file-name infix), e.g. `Prod`. */
  environment: string;
  file: SourceFile;
  json: JsonNode;
  environmentVariables: SettingsEnvironmentVariable[];
  connectionReferences: SettingsConnectionReference[];
  /** How the file was associated with its solution (for inspect/explain). */
  association: 'config-folder' | 'file-name' | 'flowcop.json' | 'nearest';
}

// ---------------------------------------------------------------------------------------------
// The whole workspace

export interface LoadProblem {
  /** Where the problem is; a file that could not be read at all has span {0,0}. */
  loc: Loc;
  message: string;
  /** pad/syntax for script problems, flowcop/parse-error for everything else. */
  ruleId: 'flowcop/parse-error' | 'pad/syntax';
  solution?: Solution;
  flowName?: string;
  /** For script problems: the script and the span in it. */
  script?: Script;
  scriptSpan?: Span;
}

export interface Workspace {
  /** The folders/files that were asked for. */
  roots: string[];
  solutions: Solution[];
  scripts: StandaloneScript[];
  /** Settings files that could not be associated with any solution. */
  orphanSettings: DeploymentSettings[];
  problems: LoadProblem[];
  /** Data-policy files of the run (flowcop.json `policies`, `--policy`), for the dlp/ rules. */
  policies?: AppliedPolicies[];
  /** Files named on the command line that were looked at and left out, with why (notes, not findings). */
  skipped?: Array<{ file: string; reason: string }>;
  /** Deployment pipelines that import solutions (model/pipeline.ts); absent where nothing was discovered. */
  pipelines?: PipelineFile[];
}

// How a script's offsets map into the file that stores it (implemented in load/sourcemap.ts).
export interface SourceMap {
  /** File offset where the script character at `scriptOffset` begins (or the end, for length). */
  toFile(scriptOffset: number): number;
  /** File span covering every character of the script span. */
  toFileSpan(span: Span): Span;
  /** Script offset of the character whose encoding contains `fileOffset` (clamped to the script). */
  toScript(fileOffset: number): number;
  /** Script span covering the file span (rounded outwards to whole characters). */
  toScriptSpan(span: Span): Span;
  /** The file span of the whole script. */
  readonly fileSpan: Span;
  readonly scriptLength: number;
}

/** How a stored script escapes characters, so edits can be written the same way. */
export interface EncodingStyle {
  /** `"` written as &quot; in the XML text. */
  xmlQuot: boolean;
  /** `'` written as &apos;. */
  xmlApos: boolean;
  /** `>` written as &gt; (always true in Power Platform exports). */
  xmlGt: boolean;
  /** Non-ASCII characters written as \uXXXX in the JSON string. */
  jsonAsciiOnly: boolean;
  /** `/` written as \/ in the JSON string. */
  jsonSlash: boolean;
}
