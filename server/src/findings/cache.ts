// `flowcop lint --cache`: each unit's detached findings kept on disk and reused while nothing the unit
// depends on has changed — FlowCop's build, the run's options, the task the plan made for the unit
// (cache-key.ts), and every file, listing, stat and flowcop.json the unit read (cache-record.ts, compared
// by content, never by modification time). The plan is made anew on every run, so findings about
// flowcop.json, settings, pipeline and policy files are never cached. Entries of units this run did not
// have are dropped when the file is written.
import { createHmac, randomBytes } from 'node:crypto';
import { createSourceFile } from '../util/text';
import { readCacheFile, writeCacheFile } from './cache-file';
import { contextKey, engineFingerprint, linkSignature } from './cache-key';
import { configsUnchanged, ConfigUse, ReadOp, readsUnchanged, Recording, recordingEnv } from './cache-record';
import type { Finding, FindingPosition } from './finding';
import type { LintTask, TaskEnv, TaskResult } from './stream';

export interface CacheOptions {
  /** The cache file (cache-file.ts cacheFilePath finds it from --cache-location). */
  file: string;
  /** FlowCop's version; the engine's own digest is added. */
  version: string;
  /** Why an existing cache file is not used, or cannot be written: a sentence after the file's name. */
  note: (reason: string) => void;
}

/** A detached finding as stored: what detachFinding keeps, in short keys. */
interface StoredFinding {
  r: string; c: Finding['category']; s: Finding['severity']; m: string;
  f: string; e?: string; sp: [number, number]; ss?: [number, number];
  l: Finding['logical']; p: FindingPosition; k?: string;
}

interface Entry {
  context: string;
  links: string;
  reads: ReadOp[];
  configs: ConfigUse[];
  names: string[];
  result: { findings: StoredFinding[]; solutions: number; scripts: number; environments: string[] };
}

interface Stored { engine: string; salt: string; entries: Record<string, Entry> }

export class LintCache {
  /** Units reused from the file in this run. */
  hits = 0;
  /** Units linted in this run: their folder or archive, `scripts` for the standalone scripts. */
  readonly linted: string[] = [];
  private readonly kept = new Map<string, Entry>();
  private readonly contexts = new WeakMap<LintTask, string | null>();
  private changed = false;

  private constructor(private readonly options: CacheOptions, private readonly engine: string,
    private readonly salt: string, private readonly entries: Map<string, Entry>, private readonly writable = true) {}

  /** Opens the cache file; one that cannot be used is noted and replaced by an empty cache. */
  static open(options: CacheOptions): LintCache {
    const engine = engineFingerprint(options.version);
    const fresh = (writable = true) => new LintCache(options, engine, randomBytes(16).toString('base64'), new Map(), writable);
    const ignored = (reason: string) => { options.note(`${reason}; it is ignored and every unit is linted`); return fresh(); };
    const read = readCacheFile(options.file);
    if (!read) return fresh();
    if ('error' in read) {
      if (!read.foreign) return ignored(read.error);
      options.note(`${read.error}; it is left as it is and the cache is not used`);
      return fresh(false);
    }
    const data = read.data as Partial<Stored> | null;
    if (!data || typeof data !== 'object' || typeof data.engine !== 'string' || typeof data.salt !== 'string' || !isObject(data.entries)) return ignored('is corrupt (unexpected content)');
    if (data.engine !== engine) return ignored('was written by another FlowCop version or build');
    const entries = Object.entries(data.entries);
    if (!entries.every(([, e]) => isEntry(e))) return ignored('is corrupt (unexpected content)');
    return new LintCache(options, engine, data.salt, new Map(entries));
  }

  /** The task's result: reused when nothing it depends on changed, else from `run` (recorded, then kept). */
  run(task: LintTask, env: TaskEnv, run: (task: LintTask, env: TaskEnv) => TaskResult): TaskResult {
    const cached = this.lookup(task, env);
    if (cached) return cached;
    const recording = recordingEnv(env);
    return this.store(task, env, run(task, recording.env), recording.finish());
  }

  /** The cached result of the task when its entry still holds. */
  lookup(task: LintTask, env: TaskEnv): TaskResult | undefined {
    const id = unitId(task);
    const entry = this.entries.get(id);
    const context = this.contextOf(task, env);
    if (!entry || context === null || entry.context !== context) return undefined;
    // Cheapest checks first: the pipeline links and configurations are in memory; the reads touch the disk.
    if (entry.links !== linkSignature(entry.names, env.pipelines, env.solutionNames)) return undefined;
    if (!configsUnchanged(entry.configs, env.configs) || !readsUnchanged(entry.reads, env.vfs)) return undefined;
    this.kept.set(id, entry);
    this.hits++;
    return { ...entry.result, findings: entry.result.findings.map(restore) };
  }

  /** Keeps a result the task produced while `recording` recorded it; returns it with the cache's folding keys. */
  store(task: LintTask, env: TaskEnv, result: TaskResult, recording: Recording): TaskResult {
    this.linted.push(task.kind === 'scripts' ? 'scripts' : task.unit.kind === 'folder' ? task.unit.candidate.root : task.unit.path);
    this.changed = true;
    this.rekey(result.findings);
    const context = this.contextOf(task, env);
    if (context === null || recording.failed) return result;
    this.kept.set(unitId(task), {
      context,
      links: linkSignature(recording.names, env.pipelines, env.solutionNames),
      reads: recording.reads,
      configs: recording.configs,
      names: recording.names,
      result: { findings: result.findings.map(toStored), solutions: result.solutions, scripts: result.scripts, environments: result.environments },
    });
    return result;
  }

  /**
   * Folding keys (detachFinding hashes the reported text, for a credential the secret) are keyed with the
   * cache file's random salt before they are stored or compared: the file never holds a plain hash of a
   * secret that a guess could be checked against without it. Every finding of a cached run is rekeyed, so
   * reused and fresh findings still fold together; keys are compared, never printed.
   */
  rekey(findings: Finding[]): void {
    for (const f of findings) {
      if (f.detached?.valueKey !== undefined) f.detached.valueKey = createHmac('sha256', this.salt).update(f.detached.valueKey).digest('base64');
    }
  }

  /** Writes the entries of this run's units (atomically); a failure is noted, never fatal. */
  save(): void {
    if (!this.writable || (!this.changed && this.kept.size === this.entries.size)) return;
    try {
      writeCacheFile(this.options.file, { engine: this.engine, salt: this.salt, entries: Object.fromEntries(this.kept) } satisfies Stored);
    } catch (e) {
      this.options.note(`cannot be written (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); this run's findings are not kept`);
    }
  }

  private contextOf(task: LintTask, env: TaskEnv): string | null {
    let context = this.contexts.get(task);
    if (context === undefined) {
      try {
        context = contextKey(task, env, this.engine);
      } catch {
        context = null;
      }
      this.contexts.set(task, context);
    }
    return context;
  }
}

/** A unit's name in the cache: its folder or archive; the standalone scripts are one unit. */
function unitId(task: LintTask): string {
  if (task.kind === 'scripts') return 'scripts';
  return task.unit.kind === 'folder' ? `folder\u0000${task.unit.candidate.root}` : `zip\u0000${task.unit.path}`;
}

function toStored(f: Finding): StoredFinding {
  return {
    r: f.ruleId, c: f.category, s: f.severity, m: f.message, f: f.loc.file.path,
    ...(f.loc.file.entry !== undefined ? { e: f.loc.file.entry } : {}),
    sp: [f.loc.span.start, f.loc.span.end],
    ...(f.scriptSpan ? { ss: [f.scriptSpan.start, f.scriptSpan.end] as [number, number] } : {}),
    l: f.logical, p: f.detached!.position,
    ...(f.detached!.valueKey !== undefined ? { k: f.detached!.valueKey } : {}),
  };
}

/** The finding as detachFinding made it (same keys, same order), from its stored form. */
function restore(s: StoredFinding): Finding {
  return {
    ruleId: s.r,
    category: s.c,
    severity: s.s,
    message: s.m,
    loc: { file: createSourceFile(s.f, '', { entry: s.e }), span: { start: s.sp[0], end: s.sp[1] } },
    ...(s.ss ? { scriptSpan: { start: s.ss[0], end: s.ss[1] } } : {}),
    owner: {},
    logical: s.l,
    detached: { position: s.p, ...(s.k !== undefined ? { valueKey: s.k } : {}) },
  };
}

const isString = (x: unknown): x is string => typeof x === 'string';
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isPair = (x: unknown): boolean => Array.isArray(x) && x.length === 2 && x.every(isNumber);
const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const optional = (x: unknown, is: (x: unknown) => boolean): boolean => x === undefined || is(x);
const SEVERITIES = new Set(['error', 'warning', 'info']);
const CATEGORIES = new Set(['credential', 'machine', 'environment-specific', 'alm', 'syntax']);

/** What reporters read of a stored finding, each field of the type they expect. */
function isStoredFinding(f: unknown): boolean {
  if (!isObject(f) || !isString(f.r) || !CATEGORIES.has(f.c as string) || !SEVERITIES.has(f.s as string) || !isString(f.m)) return false;
  if (!isString(f.f) || !optional(f.e, isString) || !isPair(f.sp) || !optional(f.ss, isPair) || !optional(f.k, isString)) return false;
  const l = f.l;
  if (!isObject(l) || !['solution', 'flow', 'flowKind', 'subflow'].every(k => optional(l[k], isString))) return false;
  if (!optional(l.element, e => isObject(e) && isString(e.kind) && isString(e.name))) return false;
  const p = f.p;
  return isObject(p) && isNumber(p.line) && isNumber(p.column) && isNumber(p.endLine) && isNumber(p.endColumn)
    && optional(p.script, s => isObject(s) && isNumber(s.line) && isNumber(s.column));
}

/** The shape of an entry, checked on open: a damaged file is noted and ignored rather than half used. */
function isEntry(e: unknown): e is Entry {
  if (!isObject(e) || !isString(e.context) || !isString(e.links) || !Array.isArray(e.names) || !e.names.every(isString)) return false;
  if (!Array.isArray(e.reads) || !e.reads.every(r => Array.isArray(r) && r.length === 3 && isString(r[0]) && isString(r[1]))) return false;
  if (!Array.isArray(e.configs) || !e.configs.every(c => Array.isArray(c) && c.length === 3 && isString(c[0]) && isString(c[2]))) return false;
  const r = e.result;
  if (!isObject(r) || !isNumber(r.solutions) || !isNumber(r.scripts) || !Array.isArray(r.environments) || !r.environments.every(isString)) return false;
  return Array.isArray(r.findings) && r.findings.every(isStoredFinding);
}
