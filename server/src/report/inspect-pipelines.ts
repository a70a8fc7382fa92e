// The deployment pipelines part of `inspect`: per file its dialect and steps (imports, applies, in-product
// pipeline deploys) with what decides how the platform applies them, the solutions each import was linked
// to, the settings file, the stage and the identity it deploys with. JSON and text show the same content.
import type { ImportMode, PipelineDialect, PipelineImport, PipelineStep, SettingsLookup } from '../model/pipeline';
import { importsOf } from '../model/pipeline';
import type { Workspace } from '../model/types';
import { shownIdentity } from '../analysis/settings/accounts';
import { escapeText } from '../util/terminal';
import { positionAt } from '../util/text';
import { displayFile } from './paths';

export interface InspectPipeline {
  /** Relative to the base folder. */
  file: string;
  dialect: PipelineDialect;
  /** Lines (1-based) of steps that create or reset an environment. */
  environmentCreations: number[];
  steps: InspectPipelineStep[];
}

export type InspectPipelineStep = InspectImportStep | InspectApplyStep;

export interface InspectImportStep {
  /** `deploy`: `pac pipeline deploy` (an in-product pipeline); `import`: every other import. */
  kind: 'import' | 'deploy';
  line: number;
  /** The solution file or name as written, or null. */
  solution: string | null;
  /** Unique names of the repository's solutions the step was linked to. */
  solutions: string[];
  /** True when the file did not say which solution, and every solution of the repository was assumed. */
  assumed: boolean;
  mode: ImportMode;
  /** The input or flag that chose the mode as written (`StageAndUpgrade: true`, `-up`), or null for the default. */
  modeFlag: string | null;
  settingsFile: string | null;
  /** What was found at the settings file's path: `found` (with the file and its environment), `missing`, `unresolved`. */
  settings: { state: SettingsLookup['state']; file?: string; environment?: string } | null;
  stage: string | null;
  /** The target environment as written (Environment, environment-url, --environment), or null. */
  environment: string | null;
  /** The identity it deploys with: an app id shortened, an account without its domain. */
  identity: { kind: string; name: string } | null;
}

export interface InspectApplyStep {
  kind: 'apply';
  line: number;
  solutionName: string | null;
}

export function inspectPipelines(workspace: Workspace, base: string): InspectPipeline[] {
  const linked = new Map<PipelineStep, { solutions: string[]; assumed: boolean }>();
  for (const s of workspace.solutions) {
    for (const link of importsOf(s)) {
      const entry = linked.get(link.step) ?? { solutions: [], assumed: false };
      entry.solutions.push(s.uniqueName);
      entry.assumed ||= link.assumed;
      linked.set(link.step, entry);
    }
  }
  return (workspace.pipelines ?? []).map(p => ({
    file: displayFile(p.loc.file, base),
    dialect: p.dialect,
    environmentCreations: (p.environmentCreations ?? []).map(loc => positionAt(loc.file, loc.span.start).line + 1),
    steps: p.steps.map(s => (s.kind === 'apply'
      ? { kind: 'apply' as const, line: lineOf(s), solutionName: s.solutionName?.text.trim() ?? null }
      : importStep(s, linked.get(s) ?? { solutions: [], assumed: false }, base))),
  }));
}

function importStep(s: PipelineImport, link: { solutions: string[]; assumed: boolean }, base: string): InspectImportStep {
  const lookup = s.settingsLookup;
  return {
    kind: s.mode === 'pipeline-deploy' ? 'deploy' : 'import',
    line: lineOf(s),
    solution: s.solution?.text.trim() ?? null,
    solutions: link.solutions,
    assumed: link.assumed,
    mode: s.mode,
    modeFlag: s.modeLoc && s.mode !== 'pipeline-deploy' ? s.modeLoc.file.text.slice(s.modeLoc.span.start, s.modeLoc.span.end) : null,
    settingsFile: s.settingsFile?.text.trim() ?? null,
    settings: !lookup ? null : lookup.state === 'found'
      ? { state: 'found', file: displayFile({ path: lookup.path }, base), ...(lookup.environment ? { environment: lookup.environment } : {}) }
      : { state: lookup.state },
    stage: s.stage ?? null,
    environment: s.environment?.text.trim() ?? null,
    identity: s.identity ? { kind: s.identity.kind, name: shownIdentity(s.identity) } : null,
  };
}

function lineOf(s: PipelineStep): number {
  return positionAt(s.loc.file, s.loc.span.start).line + 1;
}

/** The text listing: one line per step, every name from the files escaped. Empty without pipelines. */
export function formatInspectPipelinesText(pipelines: readonly InspectPipeline[]): string {
  if (!pipelines.length) return '';
  const e = escapeText;
  const lines = ['', 'Pipelines:'];
  for (const p of pipelines) {
    lines.push(`  ${e(p.file)} (${p.dialect})`);
    for (const line of p.environmentCreations) lines.push(`    line ${line}: creates or resets an environment`);
    for (const s of p.steps) {
      if (s.kind === 'apply') {
        lines.push(`    line ${s.line}: apply upgrade${s.solutionName ? ` of ${e(s.solutionName)}` : ''}`);
        continue;
      }
      const parts = [`${s.kind === 'deploy' ? 'deploy' : 'import'} ${e(s.solution ?? '(solution not named)')} as ${s.mode}${s.modeFlag ? ` (${e(s.modeFlag)})` : ''}`];
      if (s.solutions.length) parts.push(`solution${s.solutions.length > 1 ? 's' : ''} ${s.solutions.map(e).join(', ')}${s.assumed ? ' (assumed)' : ''}`);
      if (s.settingsFile) parts.push(`settings ${e(s.settingsFile)}${s.settings ? ` (${s.settings.state})` : ''}`);
      if (s.stage) parts.push(`stage ${e(s.stage)}`);
      if (s.environment) parts.push(`environment ${e(s.environment)}`);
      if (s.identity) parts.push(`${s.identity.kind} ${e(s.identity.name)}`);
      lines.push(`    line ${s.line}: ${parts.join(', ')}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
