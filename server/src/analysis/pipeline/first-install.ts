// Whether a pipeline file shows that an import may be a first install (the solution not yet in the
// target environment). An upgrade (stage-and-upgrade, holding) needs an installed base: pac fails with
// "Cannot create a holding solution for missing base" (governance.md §3.2, build-tools #1078, #739).
// The files show it in two ways: the pipeline creates or resets the environment before the import, or
// the file or stage is named for setting up (bootstrap, provision, setup, initial, first install).
import type { PipelineFile, PipelineImport } from '../../model/pipeline';
import type { Loc } from '../../model/types';

export type FirstInstallEvidence = { kind: 'creates-environment'; loc: Loc } | { kind: 'named'; name: string; where: 'file' | 'stage' };

/** Word runs that name a first install or a new environment, in a name split into lower-case words joined by `-`. */
const SETUP_WORDS = /(?:^|-)(?:bootstrap|bootstrapping|provision|provisioning|setup|initial|init|onboard|onboarding|first-(?:install|installation|deploy|deployment|time|run)|new-env|new-environment)(?:-|$)/;

/** `NewEnvironment`, `first_install`, `bootstrap-env.ps1` → `new-environment`, `first-install`, `bootstrap-env-ps1`. */
function words(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase().split(/[^a-z0-9]+/).filter(Boolean).join('-');
}

/** The name parts that mark a setup, or undefined. */
export function namesSetup(name: string): boolean {
  return SETUP_WORDS.test(words(name));
}

/** Why the files say this import may be a first install; undefined when they do not say. */
export function firstInstallEvidence(pipeline: PipelineFile, step: PipelineImport): FirstInstallEvidence | undefined {
  const created = pipeline.environmentCreations?.find(c => c.span.start < step.loc.span.start);
  if (created) return { kind: 'creates-environment', loc: created };
  const fileName = pipeline.loc.file.path.split(/[\\/]/).pop() ?? '';
  if (namesSetup(fileName)) return { kind: 'named', name: fileName, where: 'file' };
  if (step.stage && namesSetup(step.stage)) return { kind: 'named', name: step.stage, where: 'stage' };
  return undefined;
}
