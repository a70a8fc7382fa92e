// What a file event from the editor's watchers makes the session do: scan the whole workspace (flowcop.json
// changed, a folder holding a unit was deleted, a new solution appeared), re-lint the units that read the
// file, or lint a new script. Pure over the state it is given.
import * as nodePath from 'node:path';
import { FileChangeType } from 'vscode-languageserver';
import { isInsideDir } from '../util/paths';
import { CONFIG_FILE } from '../findings/config';
import { settingsFileKind } from '../load/settings';
import { sniffSettingsFile } from '../load/settings-sniff';
import type { Vfs } from '../load/vfs';
import type { Unit } from './analyzer';

export interface WatchedFileState {
  disk: Vfs;
  units: Iterable<Unit>;
  unitsFor(path: string): Unit[];
  isScriptLike(path: string): boolean;
}

export interface WatchedFilePlan {
  /** Scan the whole workspace, for this reason. */
  full?: string;
  /** Re-lint these units. */
  units: string[];
  /** Lint this script (a new unit). */
  script?: string;
}

/** Files that can make a new solution, settings file or script appear. */
export function isStructural(path: string, disk: Vfs): boolean {
  const base = nodePath.basename(path).toLowerCase();
  return base === 'solution.xml' || base === 'customizations.xml' || base.endsWith('.cdsproj') || base.endsWith('.zip')
    || base.endsWith('.json.data.xml') || base === 'environmentvariabledefinition.xml' || base === 'manifest.json' || base === 'solution.yml' || base === 'solutioncomponents.yml' || base === 'workflow.yml'
    || !!settingsFileKind(path.split(/[\\/]/))
    || (base.endsWith('.json') && sniffSettingsFile(disk, path));
}

export function planWatchedFile(path: string, type: FileChangeType, state: WatchedFileState): WatchedFilePlan {
  const base = nodePath.basename(path);
  if (base.toLowerCase() === CONFIG_FILE) return { full: `${CONFIG_FILE} changed`, units: [] };
  const units = state.unitsFor(path).map(u => u.key);
  if (type === FileChangeType.Deleted) {
    const heldUnit = [...state.units].some(u => u.kind !== 'rest' && u.root && u.root !== path && isInsideDir(u.root, path));
    return heldUnit ? { full: 'a folder was deleted', units } : { units };
  }
  if (type === FileChangeType.Created && state.disk.isDirectory(path)) {
    // A new folder (its files' own events may be coalesced away): re-lint the solution holding it,
    // or scan again when it brings a solution of its own.
    if (units.length) return { units };
    const solutionInside = ['Other/Solution.xml', 'solution.xml'].some(m => state.disk.isFile(nodePath.join(path, ...m.split('/'))));
    return solutionInside ? { full: `${base} created`, units: [] } : { units: [] };
  }
  if (units.length) return { units };
  if (type === FileChangeType.Created && isStructural(path, state.disk)) return { full: `${base} created`, units: [] };
  if (state.isScriptLike(path)) return { units: [], script: path };
  return { units: [] };
}
