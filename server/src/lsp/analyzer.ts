// The language server's view of the workspace: the engine's analysis split into units (one per solution,
// packed .zip, standalone script, plus the rest), so that an edit re-lints only the unit it belongs to.
// The first scan loads the whole workspace once and lints it unit by unit (yielding between units, so it
// can report progress and be cancelled); later re-lints call the engine's `analyze` on one unit's paths.
import * as nodePath from 'node:path';
import { isInsideDir } from '../util/paths';
import { analyze, loadWorkspace } from '../findings/analyze';
import type { ConfigResolver, EnvironmentIdentity, Level } from '../findings/config';
import type { Finding } from '../findings/finding';
import { lintWorkspace } from '../findings/lint';
import type { OverlayVfs } from '../load/vfs';
import type { LoadProblem, Solution, StandaloneScript, Workspace } from '../model/types';
import { createSourceFile, SourceFile } from '../util/text';
import { loadErrorMessage } from '../load/guard';
import { RULES } from '../rules/registry';
import { relintChangedFlows } from './incremental';
import type { SplicedScripts } from './reload-flow';

export type UnitKind = 'solution' | 'zip' | 'script' | 'rest';

export interface Unit {
  key: string;
  kind: UnitKind;
  /** Solution root, .zip path or script path; '' for the rest. */
  root: string;
  /** What `analyze` is called with to re-lint the unit. */
  paths: string[];
  workspace: Workspace;
  /** flowcop.json files as the last lint of the unit found them (absent before a unit's first lint). */
  configs?: ConfigResolver;
  findings: Finding[];
  /** Every file the unit read. */
  files: Set<string>;
  solution?: Solution;
  script?: StandaloneScript;
  /** How long its last lint took (ms), and when it ended (Date.now()). */
  ms: number;
  lintedAt?: number;
  /**
   * How long its last re-lint took (ms); undefined until one ran: a scan lints the unit whole and cold, which says
   * nothing of what the re-lint of an edit costs (edit-timing.ts debounceFor).
   */
  relintMs?: number;
  /** How its last re-lint went, for the log: what an incremental re-lint did, or why the unit was linted whole. */
  lastRelint?: string;
}

export interface AnalyzerOptions {
  environment?: string;
  override?: (ruleId: string, level: Level) => Level;
}

export interface ScanOutcome {
  units: Unit[];
  cancelled: boolean;
  ms: number;
}

/** Several solutions can share one root (the YAML layout): a solution's unit is keyed by its name too. */
function unitKeyOf(kind: UnitKind, root: string, solution?: Solution): string {
  return solution ? `${kind}:${root}:${solution.uniqueName}` : `${kind}:${root}`;
}

/** Every file a solution is made of. */
function solutionFiles(s: Solution): string[] {
  const out: Array<SourceFile | string | undefined> = [s.manifest, s.customizations, s.projectFile];
  for (const f of s.cloudFlows) out.push(f.file, f.metadataFile);
  for (const d of s.desktopFlows) out.push(d.metadataFile, d.stubFile);
  for (const v of s.environmentVariables) out.push(v.file, v.currentValue?.file);
  for (const e of s.environments) out.push(e.file);
  return out.filter((x): x is SourceFile | string => !!x).map(x => (typeof x === 'string' ? x : x.path));
}

const RELINT_FAILED = 'FlowCop could not re-read this unit: ';

/** A finding that stands for a unit whose loading or linting threw (its other units keep theirs). */
function unitFailure(u: Unit, message: string): Finding {
  const file = u.solution?.manifest ?? createSourceFile(u.root || '.', '');
  return {
    ruleId: 'flowcop/parse-error', category: 'syntax', severity: 'error', message,
    loc: { file, span: { start: 0, end: 0 } },
    owner: { solution: u.solution, standalone: u.script },
    logical: { solution: u.solution?.uniqueName, flow: u.script?.name },
  };
}

function finished(u: Unit, startedAt: number, relint = true): void {
  u.lintedAt = Date.now();
  u.ms = u.lintedAt - startedAt;
  u.relintMs = relint ? u.ms : undefined;
}

function lintUnitGuarded(u: Unit, lint: () => Finding[]): Finding[] {
  try {
    return lint();
  } catch (e) {
    return [unitFailure(u, loadErrorMessage(e))];
  }
}

export class Analyzer {
  readonly units = new Map<string, Unit>();
  /** Files changed since each unit's last lint (by unit key); 'all' when what changed is not known file by file. */
  private readonly changed = new Map<string, Set<string> | 'all'>();

  constructor(
    private readonly vfs: OverlayVfs,
    private readonly options: () => AnalyzerOptions,
    /** Scripts an editor spliced into a file's overlay, taken as decoded by an incremental re-lint (reload-flow.ts). */
    private readonly splicedScripts?: SplicedScripts,
  ) {}

  /** Loads the folders and lints every unit; `shouldStop` is asked between units. */
  async fullScan(folders: string[], progress?: (done: number, total: number, what: string) => void, shouldStop?: () => boolean): Promise<ScanOutcome> {
    const t0 = Date.now();
    const { environment, override } = this.options();
    const { workspace, configs } = loadWorkspace(folders, { vfs: this.vfs });
    const units: Unit[] = [];
    const used = new Set<LoadProblem>();
    const sub = (solutions: Solution[], scripts: StandaloneScript[], problems: LoadProblem[]): Workspace =>
      // The run's data policies and pipelines too: the dlp/ and pipeline/ rules read them from the workspace.
      ({ roots: workspace.roots, solutions, scripts, orphanSettings: [], problems, policies: workspace.policies, pipelines: workspace.pipelines });

    // Problems grouped in one pass: a filter per solution or script was O(units × problems).
    const bySolution = new Map<Solution, LoadProblem[]>();
    const byScript = new Map<unknown, LoadProblem[]>();
    const add = <K>(map: Map<K, LoadProblem[]>, key: K, p: LoadProblem) => {
      const list = map.get(key);
      if (list) list.push(p);
      else map.set(key, [p]);
    };
    for (const p of workspace.problems) {
      if (p.solution) add(bySolution, p.solution, p);
      if (p.script) add(byScript, p.script, p);
    }
    for (const s of workspace.solutions) {
      const problems = bySolution.get(s) ?? [];
      problems.forEach(p => used.add(p));
      const kind: UnitKind = s.layout === 'zip' ? 'zip' : 'solution';
      const outside = s.environments.map(e => e.file.path).filter(p => kind === 'solution' && !isInsideDir(p, s.root));
      const paths = kind === 'zip' ? [s.root] : [...(s.projectFile ? [s.projectFile] : []), s.root, ...outside];
      units.push(this.makeUnit(kind, s.root, paths, sub([s], [], problems), configs, { solution: s }));
    }
    for (const sc of workspace.scripts) {
      const problems = byScript.get(sc.script) ?? [];
      problems.forEach(p => used.add(p));
      units.push(this.makeUnit('script', sc.script.file.path, [sc.script.file.path], sub([], [sc], problems), configs, { script: sc }));
    }
    // Problems of no solution or script: attributed by folder, else to the rest.
    const rest: LoadProblem[] = [];
    for (const p of workspace.problems) {
      if (used.has(p)) continue;
      const owner = units.filter(u => u.kind === 'solution' && isInsideDir(p.loc.file.path, u.root)).sort((a, b) => b.root.length - a.root.length)[0];
      if (owner) owner.workspace.problems.push(p);
      else rest.push(p);
    }
    const restUnit = this.makeUnit('rest', '', folders, { ...sub([], [], rest), orphanSettings: workspace.orphanSettings }, configs, {});
    units.push(restUnit);

    let cancelled = false;
    const linted: Unit[] = [];
    for (let i = 0; i < units.length; i++) {
      const u = units[i];
      progress?.(i, units.length, u.solution?.uniqueName ?? (u.script ? nodePath.basename(u.root) : 'other files'));
      const t1 = Date.now();
      u.findings = lintUnitGuarded(u, () => lintWorkspace(u.workspace, { rules: [...RULES], configs, environment, override }));
      finished(u, t1, false);
      this.indexFiles(u);
      linted.push(u);
      if (i + 1 < units.length) {
        await new Promise(resolve => setImmediate(resolve));
        if (shouldStop?.()) { cancelled = true; break; }
      }
    }
    this.units.clear();
    this.changed.clear();
    for (const u of linted) this.units.set(u.key, u);
    return { units: linted, cancelled, ms: Date.now() - t0 };
  }

  private makeUnit(kind: UnitKind, root: string, paths: string[], workspace: Workspace, configs: ConfigResolver | undefined,
    owner: { solution?: Solution; script?: StandaloneScript }): Unit {
    return { key: unitKeyOf(kind, root, owner.solution), kind, root, paths, workspace, configs, findings: [], files: new Set(), ms: 0, ...owner };
  }

  private indexFiles(u: Unit): void {
    const files = new Set<string>();
    for (const s of u.workspace.solutions) for (const f of solutionFiles(s)) files.add(f);
    for (const sc of u.workspace.scripts) files.add(sc.script.file.path);
    for (const p of u.workspace.problems) files.add(p.loc.file.path);
    for (const f of u.findings) files.add(f.loc.file.path);
    if (u.kind !== 'rest' && u.root) files.add(u.root);
    u.files = files;
  }

  /** Notes that a file of these units changed (undefined: something of them changed, file unknown). */
  touch(keys: readonly string[], path?: string): void {
    for (const key of keys) {
      const seen = this.changed.get(key);
      if (seen === 'all') continue;
      if (path === undefined) this.changed.set(key, 'all');
      else if (seen) seen.add(path);
      else this.changed.set(key, new Set([path]));
    }
  }

  /**
   * Lints one unit again: only the flows that changed and what depends on them when the changes are flow
   * files of a solution (incremental.ts), else the whole unit from its paths. Returns false when the unit is
   * gone (its solution or script no longer loads): the caller then scans the whole workspace.
   */
  relint(u: Unit): boolean {
    if (u.kind === 'rest') return false;
    const t1 = Date.now();
    const { environment, override } = this.options();
    const changed = this.changed.get(u.key);
    this.changed.delete(u.key);
    if (u.kind === 'solution' && u.solution && u.configs && changed instanceof Set) {
      const root = u.root;
      let outcome: ReturnType<typeof relintChangedFlows>;
      try {
        outcome = relintChangedFlows({
          solution: u.solution, workspace: u.workspace, findings: u.findings, configs: u.configs, rules: RULES, environment, override,
          ownsSettings: path => this.soleSolutionAbove(path, root), splicedScripts: this.splicedScripts,
        }, changed, this.vfs);
      } catch (e) {
        // The whole unit below reads every file again: nothing that changed is lost.
        outcome = { declined: `incremental re-lint failed: ${loadErrorMessage(e)}` };
      }
      if (outcome === 'unchanged') {
        u.lastRelint = 'no file changed';
        finished(u, t1);
        return true;
      }
      if (!('declined' in outcome)) {
        u.solution = outcome.solution;
        u.workspace = outcome.workspace;
        u.findings = outcome.findings;
        this.indexFiles(u);
        u.lastRelint = outcome.summary;
        finished(u, t1);
        return true;
      }
      u.lastRelint = `whole unit: ${outcome.declined}`;
    } else {
      u.lastRelint = undefined;
    }
    let result: ReturnType<typeof analyze>;
    try {
      result = analyze(u.paths, { vfs: this.vfs, environment, override });
    } catch (e) {
      // Keep the unit's last findings, plus the failure, rather than blanking the workspace.
      u.findings = [...u.findings.filter(f => !f.message.startsWith(RELINT_FAILED)), unitFailure(u, `${RELINT_FAILED}${loadErrorMessage(e)}`)];
      return true;
    }
    const w = result.workspace;
    if (u.kind === 'solution' || u.kind === 'zip') {
      const solution = w.solutions.find(s => s.root === u.root && s.uniqueName === u.solution?.uniqueName)
        ?? w.solutions.find(s => s.root === u.root && !w.solutions.some(o => o !== s && o.root === s.root));
      if (!solution) { this.units.delete(u.key); return false; }
      u.solution = solution;
      // Scripts and other solutions found below the root belong to their own units.
      u.findings = result.findings.filter(f => !f.owner.standalone && (!f.owner.solution || f.owner.solution === solution));
      u.workspace = { ...w, solutions: [solution], scripts: [] };
    } else {
      const script = w.scripts.find(s => s.script.file.path === u.root);
      if (!script) { this.units.delete(u.key); return w.solutions.length === 0; }
      u.script = script;
      u.findings = result.findings;
      u.workspace = w;
    }
    u.configs = result.configs;
    finished(u, t1);
    this.indexFiles(u);
    return true;
  }

  /**
   * Whether the solution at `root` is the only one under the innermost folder above `path` that holds it:
   * discovery then gives the settings file there to it whatever names the file holds (discover/associate.ts).
   */
  private soleSolutionAbove(path: string, root: string): boolean {
    let dir = nodePath.dirname(path);
    while (!isInsideDir(root, dir)) {
      const up = nodePath.dirname(dir);
      if (up === dir) return false;
      dir = up;
    }
    return ![...this.units.values()].some(o => (o.kind === 'solution' || o.kind === 'zip') && o.root !== root && isInsideDir(o.root, dir));
  }

  /** A unit for a script file that no scan found (a new .robin file, an untitled script, a file outside the folders). */
  addScript(path: string): Unit {
    const key = unitKeyOf('script', path);
    const existing = this.units.get(key);
    if (existing) return existing;
    const u = this.makeUnit('script', path, [path], { roots: [path], solutions: [], scripts: [], orphanSettings: [], problems: [] },
      undefined, {});
    this.units.set(key, u);
    return u;
  }

  /** A packed solution linted on request (FlowCop: Lint Solution Zip...), kept until the next full scan. */
  addZip(path: string, result: { workspace: Workspace; findings: Finding[]; configs: ConfigResolver }): Unit {
    const u = this.makeUnit('zip', path, [path], result.workspace, result.configs, { solution: result.workspace.solutions[0] });
    u.findings = result.findings;
    this.indexFiles(u);
    this.units.set(u.key, u);
    return u;
  }

  remove(u: Unit): void {
    this.units.delete(u.key);
  }

  /** The units a file belongs to: those that read it, else the innermost solution folder holding it. */
  unitsFor(path: string): Unit[] {
    const direct = [...this.units.values()].filter(u => u.files.has(path));
    if (direct.length) return direct;
    const holder = [...this.units.values()]
      .filter(u => u.kind === 'solution' && isInsideDir(path, u.root))
      .sort((a, b) => b.root.length - a.root.length)[0];
    return holder ? [holder] : [];
  }

  allFindings(): Finding[] {
    return [...this.units.values()].flatMap(u => u.findings);
  }

  solutions(): Solution[] {
    return [...this.units.values()].flatMap(u => (u.solution ? [u.solution] : []));
  }

  /** The url/id every loaded flowcop.json gives its environments (a config shared by units counted once). */
  environmentIdentities(): EnvironmentIdentity[] {
    const configs = new Set([...this.units.values()].flatMap(u => u.configs?.loaded() ?? []));
    return [...configs].flatMap(c => c.environmentIdentities);
  }

  /** Files, solutions, scripts over every unit. */
  size(): { files: number; solutions: number; scripts: number } {
    const files = new Set<string>();
    let solutions = 0, scripts = 0;
    for (const u of this.units.values()) {
      for (const f of u.files) files.add(f);
      if (u.solution) solutions++;
      if (u.script) scripts++;
    }
    return { files: files.size, solutions, scripts };
  }
}
