// flowcop.json: rule levels and options, environments, ignores, allow lists. Found upward from
// the linted file; `--config FILE` (CLI) replaces the search.
import * as nodePath from 'node:path';
import type { ExplicitSettings } from '../discover/discover';
import type { ExplicitPipeline } from '../discover/pipelines';
import { credentialTemplateProblem } from './credential-template';
import { entries, JsonNode, parseJson, prop, span, stringValue } from '../load/json';
import { decodeText, Vfs } from '../load/vfs';
import type { Severity } from '../rules/rule';
import type { SourceFile, Span } from '../util/text';
import { compileGlob, GlobMatcher } from '../util/glob';
import { IdentityRole, rolePatternProblem } from '../analysis/settings/accounts';

export type Level = Severity | 'off';

export interface IgnoreEntry {
  rule?: string;
  /** Flow name (cloud or desktop) or script file name. */
  flow?: string;
  /** Cloud-flow action or desktop-flow variable/element name. */
  element?: string;
  /** Glob of files, relative to the config's folder. */
  file?: string;
  reason?: string;
}

export interface Config {
  /** Folder the config applies to (its flowcop.json's folder, or the search start when none). */
  dir: string;
  /** The flowcop.json file, when one was found. */
  file?: SourceFile;
  rules: Record<string, { level?: Level; options: Record<string, unknown> }>;
  environments: ExplicitSettings[];
  /** The Dataverse environment (url, id) each FlowCop environment stands for, where flowcop.json says. */
  environmentIdentities: EnvironmentIdentity[];
  /** Globs of files and folders to leave out, relative to dir. */
  ignoreGlobs: string[];
  ignoreEntries: IgnoreEntry[];
  allow: { hosts: string[]; paths: string[]; machines: string[] };
  /** Domains that are the organisation's own (`contoso.com`): addresses on them are environment-specific. */
  organizationDomains: string[];
  getCredentialTemplate?: string;
  /** `identities.roles`: account patterns per role (`<env>-rpa-bot@*`); absent → the built-in roles. */
  identities?: { roles: IdentityRole[] };
  /** Data-policy (DLP) export files the dlp/ rules evaluate (`policies`), resolved against dir. */
  policies?: PolicyRef[];
  /** Deployment pipeline files named in `pipelines` (paths or globs), besides those found by convention. */
  pipelines?: ExplicitPipeline[];
  problems: Array<{ span: Span; message: string }>;
}

/** `environments: { "Prod": { "url": "https://contoso.crm.dynamics.com", "id": "…" } }`: settings files carry no identity. */
export interface EnvironmentIdentity {
  environment: string;
  /** The Dataverse URL as written (https://…). */
  url?: string;
  /** The Power Platform environment id (a GUID, or `Default-<tenant GUID>`). */
  id?: string;
  source: { file: SourceFile; span: Span };
}

/** A `policies` entry: `"governance/dlp.json"` or `{ "file": "…", "environments": ["Prod"] }`. */
export interface PolicyRef {
  /** Absolute path of the policy export. */
  file: string;
  /** FlowCop environment names it applies to; unset: every environment. */
  environments?: string[];
  /** Where flowcop.json names the file (problems reading it point here). */
  source: { file: SourceFile; span: Span };
}

export const CONFIG_FILE = 'flowcop.json';

export function emptyConfig(dir: string): Config {
  return { dir, rules: {}, environments: [], environmentIdentities: [], ignoreGlobs: [], ignoreEntries: [], allow: { hosts: [], paths: [], machines: [] }, organizationDomains: [], problems: [] };
}

const LEVELS = new Set(['off', 'info', 'warning', 'error']);

export function parseConfig(file: SourceFile): Config {
  const config = emptyConfig(nodePath.dirname(file.path));
  config.file = file;
  const parsed = parseJson(file.text);
  config.problems.push(...parsed.problems.map(p => ({ span: { start: p.offset, end: p.offset + p.length }, message: p.message })));
  const root = parsed.root;
  if (!root || root.type !== 'object') {
    if (!config.problems.length) config.problems.push({ span: { start: 0, end: 0 }, message: 'flowcop.json must hold a JSON object' });
    return config;
  }
  const bad = (node: JsonNode, message: string) => config.problems.push({ span: span(node), message });

  for (const [id, , value] of entries(prop(root, 'rules'))) {
    if (value.type === 'string') {
      if (LEVELS.has(value.value)) config.rules[id] = { level: value.value, options: {} };
      else bad(value, `rules.${id}: level must be one of off, info, warning, error`);
    } else if (value.type === 'array' && value.children?.length) {
      const [levelNode, optionsNode] = value.children;
      const level = stringValue(levelNode);
      if (!level || !LEVELS.has(level)) { bad(levelNode, `rules.${id}: the first item must be a level (off, info, warning, error)`); continue; }
      const options = optionsNode?.type === 'object' ? Object.fromEntries(entries(optionsNode).map(([k, , v]) => [k, jsonValue(v)])) : {};
      config.rules[id] = { level: level as Level, options };
    } else if (value.type === 'object') {
      const level = stringValue(prop(value, 'level'));
      const options = prop(value, 'options');
      config.rules[id] = { level: level && LEVELS.has(level) ? (level as Level) : undefined, options: options ? (jsonValue(options) as Record<string, unknown>) : {} };
    } else {
      bad(value, `rules.${id}: expected a level or [level, options]`);
    }
  }

  parseEnvironments(prop(root, 'environments'), config, file, bad);

  for (const item of prop(root, 'ignore')?.children ?? []) {
    if (item.type === 'string') config.ignoreGlobs.push(item.value);
    else if (item.type === 'object') {
      config.ignoreEntries.push({
        rule: stringValue(prop(item, 'rule')),
        flow: stringValue(prop(item, 'flow')),
        element: stringValue(prop(item, 'action')) ?? stringValue(prop(item, 'element')) ?? stringValue(prop(item, 'variable')),
        file: stringValue(prop(item, 'file')),
        reason: stringValue(prop(item, 'reason')),
      });
    } else bad(item, 'ignore entries must be glob strings or {rule, flow, action, file, reason} objects');
  }

  const allow = prop(root, 'allow');
  for (const key of ['hosts', 'paths', 'machines'] as const) {
    const list = prop(allow, key);
    if (list?.type === 'array') config.allow[key] = (list.children ?? []).map(stringValue).filter((x): x is string => !!x);
  }
  const domains = prop(root, 'organizationDomains');
  if (domains?.type === 'array') config.organizationDomains = (domains.children ?? []).map(stringValue).filter((x): x is string => !!x && x.trim() !== '');
  else if (domains) bad(domains, 'organizationDomains must be a list of domain names (["contoso.com"])');
  parsePolicies(prop(root, 'policies'), config, file, bad);
  parsePipelines(prop(root, 'pipelines'), config, file, bad);
  const templateNode = prop(root, 'getCredentialTemplate');
  const template = stringValue(templateNode);
  const templateProblem = template !== undefined ? credentialTemplateProblem(template) : undefined;
  // A refused template is dropped, so the fix falls back to the built-in one.
  if (templateNode && templateProblem) bad(templateNode, `getCredentialTemplate refused: ${templateProblem}; the built-in Get credential template is used instead`);
  else if (templateNode && template === undefined) bad(templateNode, 'getCredentialTemplate must be a string');
  else config.getCredentialTemplate = template;
  const identities = prop(root, 'identities');
  if (identities) parseIdentities(identities, config, bad);
  return config;
}

const ENVIRONMENTS_SHAPE = 'environments must be an object ({"Prod": "path"} or {"Prod": {"settings": "path", "url": "https://…"}}) or an array of {name, settings, url, id, solution}';
/** An environment id: a GUID, or the default environment's `Default-<tenant GUID>`. */
const ENVIRONMENT_ID = /^(?:Default-)?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `environments`: per environment its settings file (`"path"`, `settings` or the older `file`), the solution it
 * belongs to, and the Dataverse environment it stands for (`url`, `id`). An entry may give only url/id.
 */
function parseEnvironments(envs: JsonNode | undefined, config: Config, file: SourceFile, bad: (node: JsonNode, message: string) => void): void {
  if (!envs) return;
  const named: Array<[string, JsonNode]> = [];
  if (envs.type === 'object') {
    for (const [name, , v] of entries(envs)) named.push([name, v]);
  } else if (envs.type === 'array') {
    for (const v of envs.children ?? []) {
      const name = stringValue(prop(v, 'name'));
      if (!name) { bad(v, 'environments entries need a "name" and a "settings" file, a "url" or an "id"'); continue; }
      named.push([name, v]);
    }
  } else {
    bad(envs, ENVIRONMENTS_SHAPE);
    return;
  }
  for (const [name, v] of named) {
    if (v.type === 'string') {
      if (!v.value) { bad(v, `environments.${name}: expected a settings file path`); continue; }
      config.environments.push({ environment: name, file: nodePath.resolve(config.dir, v.value), source: { file, span: span(v), written: v.value } });
      continue;
    }
    if (v.type !== 'object') { bad(v, `environments.${name}: expected a settings file path or {"settings": "path", "url": "https://…", "id": "…"}`); continue; }
    const settingsNode = prop(v, 'settings');
    const legacyNode = prop(v, 'file');
    if (settingsNode && legacyNode) bad(legacyNode, `environments.${name}: give the settings file once ("settings"; "file" is its older name); "settings" is used`);
    const fileNode = settingsNode ?? legacyNode;
    const fileName = stringValue(fileNode);
    if (fileNode && !fileName) bad(fileNode, `environments.${name}: the settings file must be a path`);
    const identity = parseIdentity(name, v, bad);
    if (!fileName && !identity) {
      // A bad value was reported where it is written; only an entry that gives nothing is a problem as a whole.
      if (!fileNode && !prop(v, 'url') && !prop(v, 'id')) bad(v, `environments.${name}: expected a "settings" file path, a Dataverse "url" or an environment "id"`);
      continue;
    }
    if (fileName && fileNode) {
      config.environments.push({ environment: name, file: nodePath.resolve(config.dir, fileName), solution: stringValue(prop(v, 'solution')), source: { file, span: span(fileNode), written: fileName } });
    }
    if (identity) config.environmentIdentities.push({ environment: name, ...identity, source: { file, span: span(v) } });
  }
}

/** An entry's `url` and `id`, each checked; undefined when it gives neither (or neither is valid). */
function parseIdentity(name: string, entry: JsonNode, bad: (node: JsonNode, message: string) => void): { url?: string; id?: string } | undefined {
  const urlNode = prop(entry, 'url');
  const idNode = prop(entry, 'id');
  let url: string | undefined;
  let id: string | undefined;
  if (urlNode) {
    // The value is not repeated in the message: a URL may carry credentials.
    const written = stringValue(urlNode)?.trim();
    if (written && isDataverseUrl(written)) url = written;
    else bad(urlNode, `environments.${name}.url: expected the environment's https:// URL, such as "https://contoso.crm.dynamics.com" (no user name or password)`);
  }
  if (idNode) {
    const written = stringValue(idNode)?.trim();
    if (written && ENVIRONMENT_ID.test(written)) id = written;
    else bad(idNode, `environments.${name}.id: expected the environment id, a GUID such as "00000000-0000-0000-0000-000000000000" (or "Default-<tenant id>")`);
  }
  return url || id ? { url, id } : undefined;
}

function isDataverseUrl(text: string): boolean {
  if (!/^https:\/\//i.test(text)) return false;
  try {
    const parsed = new URL(text);
    return parsed.protocol === 'https:' && !!parsed.hostname && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

function parsePolicies(list: JsonNode | undefined, config: Config, file: SourceFile, bad: (node: JsonNode, message: string) => void): void {
  if (!list) return;
  if (list.type !== 'array') { bad(list, 'policies must be a list of policy files ("dlp.json" or {"file": "dlp.json", "environments": ["Prod"]})'); return; }
  config.policies = [];
  for (const item of list.children ?? []) {
    const fileNode = item.type === 'string' ? item : prop(item, 'file');
    const written = stringValue(fileNode);
    if (!fileNode || !written) { bad(item, 'policies entries need a file path ("dlp.json" or {"file": "dlp.json"})'); continue; }
    const envs = prop(item, 'environments');
    if (envs && (envs.type !== 'array' || (envs.children ?? []).some(e => typeof stringValue(e) !== 'string'))) { bad(envs, 'policies[].environments must be a list of environment names (["Prod"])'); continue; }
    const environments = envs ? (envs.children ?? []).map(e => stringValue(e)!) : undefined;
    config.policies.push({ file: nodePath.resolve(config.dir, written), environments, source: { file, span: span(fileNode) } });
  }
}

/** `"pipelines": ["deploy/release.yml", "ci/**\/*.yml"]`: pipeline files FlowCop would not find by convention. */
function parsePipelines(list: JsonNode | undefined, config: Config, file: SourceFile, bad: (node: JsonNode, message: string) => void): void {
  if (!list) return;
  const shape = 'pipelines must be a list of pipeline file paths or globs (["deploy/release.yml", "ci/*.yml"])';
  if (list.type !== 'array') { bad(list, shape); return; }
  config.pipelines = [];
  for (const item of list.children ?? []) {
    const written = stringValue(item);
    if (!written?.trim()) { bad(item, shape); continue; }
    const glob = /[*?]/.test(written);
    config.pipelines.push({ path: nodePath.resolve(config.dir, written), glob, dir: config.dir, source: { file, span: span(item), written } });
  }
}

/**
 * `"identities": { "roles": { "bot": "<env>-rpa-bot@*", … } }`: the account naming convention, one pattern
 * per role. Given roles replace the built-in ones; a pattern without exactly one `<env>` is a problem and left out.
 */
function parseIdentities(node: JsonNode, config: Config, bad: (node: JsonNode, message: string) => void): void {
  if (node.type !== 'object') { bad(node, 'identities must be an object ({"roles": {"bot": "<env>-rpa-bot@*"}})'); return; }
  const roles = prop(node, 'roles');
  if (!roles) return;
  if (roles.type !== 'object') { bad(roles, 'identities.roles must be an object of role name → account pattern ({"bot": "<env>-rpa-bot@*"})'); return; }
  const out: IdentityRole[] = [];
  for (const [role, , value] of entries(roles)) {
    const pattern = stringValue(value);
    if (pattern === undefined) { bad(value, `identities.roles.${role}: expected an account pattern such as "<env>-rpa-bot@*"`); continue; }
    const problem = rolePatternProblem(pattern);
    if (problem) { bad(value, `identities.roles.${role}: the pattern ${problem}`); continue; }
    out.push({ role, pattern });
  }
  config.identities = { roles: out };
}

function jsonValue(node: JsonNode): unknown {
  switch (node.type) {
    case 'object': return Object.fromEntries(entries(node).map(([k, , v]) => [k, jsonValue(v)]));
    case 'array': return (node.children ?? []).map(jsonValue);
    default: return node.value;
  }
}

/** Finds and caches the nearest flowcop.json above a path. */
export class ConfigResolver {
  private readonly withoutTemplate = new WeakMap<Config, Config>();
  constructor(private readonly vfs: Vfs, private readonly fixed?: Config,
    private readonly byDir = new Map<string, Config>(), private readonly ignoreTemplates = false) {}

  /**
   * The same configs (sharing this cache) without their getCredentialTemplate: in an untrusted
   * workspace the editor does not let the repository choose the text the fixes insert.
   */
  withoutCredentialTemplates(): ConfigResolver {
    return new ConfigResolver(this.vfs, this.fixed, this.byDir, true);
  }

  /** The config for a file or folder; callers that know which it is say so and save a stat. */
  configFor(p: string, isDirectory = this.vfs.isDirectory(p)): Config {
    if (this.fixed) return this.view(this.fixed);
    const start = isDirectory ? p : nodePath.dirname(p);
    return this.view(this.lookup(nodePath.resolve(start)));
  }

  private view(config: Config): Config {
    if (!this.ignoreTemplates || config.getCredentialTemplate === undefined) return config;
    let stripped = this.withoutTemplate.get(config);
    if (!stripped) this.withoutTemplate.set(config, stripped = { ...config, getCredentialTemplate: undefined });
    return stripped;
  }

  private lookup(dir: string): Config {
    const cached = this.byDir.get(dir);
    if (cached) return cached;
    const parent = nodePath.dirname(dir);
    const config = this.read(dir) ?? (parent === dir ? emptyConfig(dir) : this.lookup(parent));
    this.byDir.set(dir, config);
    return config;
  }

  /**
   * The flowcop.json in this folder, or undefined when there is none. One FlowCop cannot read, decode
   * or parse is a finding (its problems); the run goes on without its settings.
   */
  private read(dir: string): Config | undefined {
    const candidate = nodePath.join(dir, CONFIG_FILE);
    const unreadable = (message: string): Config =>
      ({ ...emptyConfig(dir), file: { path: candidate, text: '', bom: false, encoding: 'utf8', hash: '' }, problems: [{ span: { start: 0, end: 0 }, message }] });
    try {
      const bytes = this.vfs.isFile(candidate) ? this.vfs.readFile(candidate) : undefined;
      if (!bytes) return undefined;
      const decoded = decodeText(bytes, candidate);
      return 'error' in decoded ? unreadable(decoded.error) : parseConfig(decoded.file);
    } catch (e) {
      return unreadable(`cannot read file: ${(e as Error).message}`);
    }
  }

  /** Every distinct config file found so far. */
  loaded(): Config[] {
    return [...new Set(this.byDir.values())].filter(c => c.file).map(c => this.view(c));
  }
}

/** Loads an explicit --config file. */
export function loadConfigFile(vfs: Vfs, filePath: string): Config | { error: string } {
  const bytes = vfs.readFile(filePath);
  if (!bytes) return { error: `config file not found: ${filePath}` };
  const decoded = decodeText(bytes, filePath);
  if ('error' in decoded) return { error: `${filePath}: ${decoded.error}` };
  return parseConfig(decoded.file);
}

/**
 * Minimal glob matching: `**` any folders, `*` within a segment, `?` one character. Matched without a
 * regular expression (util/glob.ts): linear in the path for a given pattern, whatever its stars.
 */
export function globToRegExp(glob: string): GlobMatcher {
  return compileGlob(glob);
}

export function isIgnoredByConfig(config: Config, absPath: string): boolean {
  if (!config.ignoreGlobs.length) return false;
  const rel = nodePath.relative(config.dir, absPath).replace(/\\/g, '/');
  if (rel.startsWith('..')) return false;
  return config.ignoreGlobs.some(g => globToRegExp(g).test(rel));
}

