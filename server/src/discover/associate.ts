// Which solution each deployment settings file belongs to: the one its name or flowcop.json names;
// otherwise the solutions under the nearest folder above it that holds any, the one sharing the most
// names. Decided on headers (headers.ts), so the whole-workspace and the streaming lint agree.
import * as nodePath from 'node:path';
import { isInsideDir } from '../util/paths';
import type { DeploymentSettings, LoadProblem } from '../model/types';
import { loadSettings } from '../load/settings';
import { resolveSettingsNaming } from '../load/settings-name';
import type { SolutionHeader } from './headers';
import type { SettingsCandidate } from './plan';

export interface SettingsAssignment {
  /** The settings as loaded (the association final). */
  settings: DeploymentSettings;
  owner?: SolutionHeader;
}

/** Loads every settings file and finds its solution; templates are checked for shape only and belong to none. */
export function associateSettings(candidates: readonly SettingsCandidate[], headers: readonly SolutionHeader[], problems: LoadProblem[]): SettingsAssignment[] {
  const solutionNames = headers.map(h => h.uniqueName);
  const out: SettingsAssignment[] = [];
  for (const c of candidates) {
    if (c.naming) Object.assign(c, resolveSettingsNaming(c.naming, solutionNames));
    if (c.naming && c.solution) c.association = 'file-name';
    const result = loadSettings(c.file, c.environment, c.association);
    for (const p of result.problems) problems.push({ ruleId: 'flowcop/parse-error', loc: { file: c.file, span: p.span }, message: p.message });
    // A template (`deploymentSettings.template.json`) is checked for its shape only: no environment.
    if (!result.settings || c.naming?.template) continue;
    const owner = ownerOf(c, result.settings, headers);
    if (owner && c.solution && owner.uniqueName.toLowerCase() !== c.solution.toLowerCase()) result.settings.association = 'nearest';
    out.push({ settings: result.settings, owner });
  }
  return out;
}

function ownerOf(c: SettingsCandidate, settings: DeploymentSettings, headers: readonly SolutionHeader[]): SolutionHeader | undefined {
  if (c.solution) {
    const named = headers.find(h => h.uniqueName.toLowerCase() === c.solution!.toLowerCase());
    if (named) return named;
  }
  let dir = nodePath.dirname(c.file.path);
  for (;;) {
    const under = headers.filter(h => isInsideDir(h.dir, dir));
    if (under.length === 1) return under[0];
    if (under.length > 1) {
      const scored = under.map(h => ({ h, score: overlap(settings, h.names()) })).sort((a, b) => b.score - a.score);
      return scored[0].score > 0 && scored[0].score > scored[1].score ? scored[0].h : undefined;
    }
    const up = nodePath.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

function overlap(settings: DeploymentSettings, names: ReadonlySet<string>): number {
  return [...settings.connectionReferences.map(r => r.logicalName), ...settings.environmentVariables.map(v => v.schemaName)]
    .filter(n => names.has(n.toLowerCase())).length;
}
