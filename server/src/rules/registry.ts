// Every rule FlowCop knows, built from the one-file-per-rule modules.
import type { Rule } from './rule';
import padPlaintextSecret from './pad/plaintext-secret';
import padSensitiveNotMarked from './pad/sensitive-not-marked';
import padSecretInputVariable from './pad/secret-input-variable';
import padHardcodedMachine from './pad/hardcoded-machine';
import padEnvironmentSpecificPath from './pad/environment-specific-path';
import padEnvironmentSpecificUrl from './pad/environment-specific-url';
import padSyntax from './pad/syntax';
import cloudPlaintextSecret from './cloud/plaintext-secret';
import cloudUnsecuredSecret from './cloud/unsecured-secret';
import cloudHardcodedMachine from './cloud/hardcoded-machine';
import cloudEnvironmentSpecificValue from './cloud/environment-specific-value';
import cloudEmbeddedConnection from './cloud/embedded-connection';
import solutionCommittedEnvVarValue from './solution/committed-env-var-value';
import solutionSecretEnvVarAsText from './solution/secret-env-var-as-text';
import solutionUndefinedReference from './solution/undefined-reference';
import solutionUnusedReference from './solution/unused-reference';
import settingsMissingValue from './settings/missing-value';
import settingsSharedConnection from './settings/shared-connection';
import settingsUnknownEntry from './settings/unknown-entry';
import settingsEnvironmentBleed from './settings/environment-bleed';
import settingsImportFailure from './settings/import-failure';
import settingsSingleIdentity from './settings/single-identity';
import dlpBlockedConnector from './dlp/blocked-connector';
import dlpBlockedAction from './dlp/blocked-action';
import dlpMixedGroups from './dlp/mixed-groups';
import dlpBlockedEndpoint from './dlp/blocked-endpoint';
import pipelineUpgradeDropsDesktopFlowSharing from './pipeline/upgrade-drops-desktop-flow-sharing';
import pipelineHoldingWithoutApply from './pipeline/holding-without-apply';
import pipelineMissingSettingsFile from './pipeline/missing-settings-file';
import pipelineUpgradeOnFirstInstall from './pipeline/upgrade-on-first-install';
import flowcopParseError from './flowcop/parse-error';

export const RULES: readonly Rule[] = [
  padPlaintextSecret,
  padSensitiveNotMarked,
  padSecretInputVariable,
  padHardcodedMachine,
  padEnvironmentSpecificPath,
  padEnvironmentSpecificUrl,
  padSyntax,
  cloudPlaintextSecret,
  cloudUnsecuredSecret,
  cloudHardcodedMachine,
  cloudEnvironmentSpecificValue,
  cloudEmbeddedConnection,
  solutionCommittedEnvVarValue,
  solutionSecretEnvVarAsText,
  solutionUndefinedReference,
  solutionUnusedReference,
  settingsMissingValue,
  settingsSharedConnection,
  settingsUnknownEntry,
  settingsEnvironmentBleed,
  settingsImportFailure,
  settingsSingleIdentity,
  dlpBlockedConnector,
  dlpBlockedAction,
  dlpMixedGroups,
  dlpBlockedEndpoint,
  pipelineUpgradeDropsDesktopFlowSharing,
  pipelineHoldingWithoutApply,
  pipelineMissingSettingsFile,
  pipelineUpgradeOnFirstInstall,
  flowcopParseError,
];

const BY_ID = new Map(RULES.map(r => [r.meta.id, r]));

export function ruleById(id: string): Rule | undefined {
  return BY_ID.get(id);
}
