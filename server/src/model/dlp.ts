// Data policies (DLP) as FlowCop reads them from an export (load/dlp.ts), whatever the export's shape.
import type { SourceFile, Span } from '../util/text';

/** `Confidential` = Business, `General` = Non-business (the admin module's help text), `Blocked`. */
export type DlpClassification = 'Business' | 'NonBusiness' | 'Blocked';

export interface DlpActionRules {
  /** Behaviour for actions no rule names: `Allow` unless the export says `Block`. */
  defaultBehavior: 'Allow' | 'Block';
  /** Operation id (lower case) → behaviour. */
  rules: Map<string, 'Allow' | 'Block'>;
}

export interface DlpEndpointRule {
  order: number;
  behavior: 'Allow' | 'Deny';
  /** The pattern as exported: `*` any run of characters. */
  endpoint: string;
}

export interface DataPolicy {
  /** displayName, else name, else the file name. */
  displayName: string;
  name?: string;
  defaultClassification: DlpClassification;
  /** Normalised connector or module id (lower case, no leading `/`) → classification. */
  classifications: Map<string, DlpClassification>;
  /** Normalised connector id → action rules. */
  actionRules: Map<string, DlpActionRules>;
  /** Normalised connector id → endpoint rules sorted by order. */
  endpointRules: Map<string, DlpEndpointRule[]>;
  environmentType: 'AllEnvironments' | 'OnlyEnvironments' | 'ExceptEnvironments';
  /** Environment GUIDs (lower case) the policy lists. */
  environments: string[];
  file: SourceFile;
  /** The policy object's span in the file. */
  span: Span;
}

/** A policy file loaded for a run, with the scope flowcop.json or the command line gave it. */
export interface AppliedPolicies {
  /** The policies the file holds (a list export holds several). */
  policies: DataPolicy[];
  /** Folder of the flowcop.json that named the file: it applies to solutions under it. Unset for `--policy`. */
  configDir?: string;
  /** FlowCop environment names (`Prod`) the file applies to; unset: every environment. */
  environments?: string[];
}
