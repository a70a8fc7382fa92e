// What a cached unit's findings depend on besides the files the unit reads (cache-record.ts records
// those): FlowCop itself, the run's options (--env, the rules, the data policies), the task the plan made
// for the unit (its settings files and their association, an archive refused under the run's budget, the
// standalone scripts), and the pipeline imports linked to the unit's solutions. Each is reduced to a digest.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { linkPipelines } from '../discover/pipelines';
import { importsOf, PipelineFile } from '../model/pipeline';
import type { Solution } from '../model/types';
import type { AppliedPolicies } from '../model/dlp';
import type { Config } from './config';
import type { LintTask, TaskEnv } from './stream';

/** Bumped whenever what an entry holds, or what its key covers, changes. */
export const CACHE_FORMAT = 1;

/**
 * FlowCop's version and the digest of the running engine file (the bundled CLI holds every rule), so a
 * build with the same version number but other code does not reuse findings.
 */
export function engineFingerprint(version: string): string {
  let code = '';
  try {
    code = createHash('sha256').update(fs.readFileSync(__filename)).digest('base64');
  } catch {
    // Not on disk (an unusual loader): the version alone decides.
  }
  return `${CACHE_FORMAT}/${version}/${code}`;
}

/** The digest of file bytes (recorded reads, replayed reads). */
export function digestBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('base64');
}

/**
 * A digest of any plain value the plan hands a task. A SourceFile counts by its path, entry, encoding
 * and the hash of its bytes (everything parsed from it follows from those); Maps and Sets by their entries
 * in order; a reference back to an enclosing object (a JSON node's parent) adds nothing and counts as a
 * mark. A function cannot be digested: the caller treats the task as uncacheable.
 */
export function digestValue(value: unknown): string {
  const hash = createHash('sha256');
  const parts: string[] = [];
  let size = 0;
  const put = (s: string) => {
    parts.push(s);
    size += s.length;
    if (size > 1 << 16) flush();
  };
  const flush = () => { hash.update(parts.join('')); parts.length = 0; size = 0; };
  feed(value, put, new Set());
  flush();
  return hash.digest('base64');
}

function feed(value: unknown, put: (s: string) => void, open: Set<object>): void {
  switch (typeof value) {
    case 'undefined': put('u'); return;
    case 'boolean': put(value ? 't' : 'f'); return;
    case 'number': put(`d${value};`); return;
    case 'string': put(`s${value.length}:${value}`); return;
    case 'object': break;
    default: throw new Error(`cannot digest a ${typeof value}`);
  }
  if (value === null) { put('n'); return; }
  if (open.has(value)) { put('^'); return; }
  open.add(value);
  if (Array.isArray(value)) {
    put('[');
    for (const item of value) feed(item, put, open);
    put(']');
  } else if (value instanceof Map || value instanceof Set) {
    put(value instanceof Map ? 'M' : 'S');
    for (const item of value) feed(item, put, open);
    put(';');
  } else if (isSourceFile(value)) {
    put(`F${value.path.length}:${value.path}|${value.entry ?? ''}|${value.encoding}|${value.bom ? 1 : 0}|`);
    put(value.hash || createHash('sha256').update(value.text).digest('base64'));
  } else {
    put('{');
    for (const [k, v] of Object.entries(value)) {
      // An absent key and one set to undefined are the same input.
      if (v === undefined) continue;
      put(`k${k.length}:${k}`);
      feed(v, put, open);
    }
    put('}');
  }
  open.delete(value);
}

interface SourceFileLike { path: string; text: string; hash: string; entry?: string; encoding: string; bom: boolean }

function isSourceFile(o: object): o is SourceFileLike {
  const f = o as Partial<SourceFileLike>;
  return typeof f.path === 'string' && typeof f.text === 'string' && typeof f.hash === 'string' && typeof f.encoding === 'string';
}

/** Digests that depend on the run only, computed once per TaskEnv. */
const policyDigests = new WeakMap<AppliedPolicies[], string>();
const pipelineDigests = new WeakMap<PipelineFile, string>();

/**
 * The unit's key besides its reads: engine, rules, environment, data policies (every unit sees all of
 * them: the dlp/ rules scope them), and the task itself.
 */
export function contextKey(task: LintTask, env: TaskEnv, engine: string): string {
  let policies = policyDigests.get(env.policies);
  if (policies === undefined) policyDigests.set(env.policies, policies = digestValue(env.policies));
  // A settings file's model is loadSettings(file, environment, association): those stand for it, and
  // its JSON tree (a node per value) is not walked again.
  const planned = task.kind === 'unit'
    ? { ...task, settings: task.settings.map(s => [s.solution, s.settings.environment, s.settings.association, s.settings.file]) }
    : task;
  return digestValue([engine, env.rules.map(r => r.meta.id), env.environment ?? null, policies, planned]);
}

/**
 * What the pipeline rules can see of the unit: for each of its solutions (by unique name), the imports
 * linked to it — which pipeline (its content and settings look-ups), which step, whether assumed. Linking
 * reads only the unique names, so stand-ins carrying them link exactly as the loaded solutions did; the
 * other solutions' names of the run count through what they change here (an import that names them).
 */
export function linkSignature(names: readonly string[], pipelines: PipelineFile[], allNames: readonly string[]): string {
  if (!pipelines.length) return '';
  const standIns = names.map(uniqueName => ({ uniqueName }) as Solution);
  linkPipelines(pipelines, standIns, allNames);
  return digestValue(standIns.map(s => importsOf(s).map(link => {
    let pipeline = pipelineDigests.get(link.pipeline);
    if (pipeline === undefined) pipelineDigests.set(link.pipeline, pipeline = digestValue(link.pipeline));
    return [pipeline, link.pipeline.steps.indexOf(link.step), link.assumed];
  })));
}

/** Which flowcop.json a path's configuration comes from, and its content ('' when none applies). */
export function configIdentity(config: Config): string {
  return config.file ? `${config.file.path}\u0000${config.file.hash}` : '';
}
