// The pac CLI's auth profiles, read from the one file that lists them (authprofiles_v2.json in pac's data
// folder): which profile is active and which Dataverse environment it points at. Pure: no vscode, no I/O
// (watch.ts reads the file), so unit tests load it. FlowCop never reads pac's token caches.
import * as nodePath from 'node:path';

/** The folder name pac uses under `Microsoft` (Windows ignores case; elsewhere reader.ts matches it ignoring case). */
export const PAC_FOLDER = 'PowerAppsCli';
/** The profile list: `authprofiles_v2.json` today, `authprofiles.json` before; never the token caches beside it. */
export const PROFILE_FILE = /^authprofiles(?:_v(\d+))?\.json$/i;
/** The format FlowCop knows; a higher `_vN` is read as this one, with a note. */
export const KNOWN_VERSION = 2;
/** pac's stand-in URL for a profile with no environment selected. */
const NO_ENVIRONMENT_HOSTS = new Set(['service.powerapps.com']);

export interface Platform {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  home: string;
}

/**
 * The folders pac may keep its profiles in, most likely first. pac is a .NET tool: its data folder is
 * LocalApplicationData/Microsoft/PowerAppsCli — %LOCALAPPDATA% on Windows; $XDG_DATA_HOME or ~/.local/share
 * on Linux; on macOS ~/.local/share (what .NET before 8, and the Power Platform Tools extension, use) or
 * ~/Library/Application Support (.NET 8 and later). The Power Platform Tools extension keeps only the pac
 * binary in its global storage: its profiles are pac's own, in the same folder.
 */
export function pacDataFolders({ platform, env, home }: Platform): string[] {
  const path = platform === 'win32' ? nodePath.win32 : nodePath.posix;
  const under = (base: string) => path.join(base, 'Microsoft', PAC_FOLDER);
  const out: string[] = [];
  if (platform === 'win32') {
    const local = env.LOCALAPPDATA || path.join(env.USERPROFILE || home, 'AppData', 'Local');
    out.push(under(local));
  } else {
    const xdg = env.XDG_DATA_HOME;
    // The XDG spec ignores a relative XDG_DATA_HOME, as .NET does.
    if (xdg && path.isAbsolute(xdg)) out.push(under(xdg));
    out.push(under(path.join(home, '.local', 'share')));
    if (platform === 'darwin') out.push(under(path.join(home, 'Library', 'Application Support')));
  }
  return [...new Set(out)];
}

/** The version a profile file's name carries: `authprofiles_v2.json` → 2, `authprofiles.json` → 1; undefined for any other file. */
export function profileFileVersion(name: string): number | undefined {
  const m = PROFILE_FILE.exec(name);
  return m ? (m[1] ? Number(m[1]) : 1) : undefined;
}

export interface PacProfile {
  /** 1-based, as `pac auth list` numbers them. */
  index: number;
  /** The name given with `pac auth create --name`, when one was. */
  name?: string;
  /** UNIVERSAL, DATAVERSE, ADMIN… */
  kind?: string;
  /** The environment's URL; absent when the profile has no environment selected. */
  url?: string;
  environmentId?: string;
  /** The environment's display name. */
  friendlyName?: string;
}

export interface PacProfiles {
  version: number;
  profiles: PacProfile[];
  /** The profile pac uses when no other is named; absent when none is marked. */
  active?: PacProfile;
  /** Something worth a line in the output (a newer format, no active profile). */
  note?: string;
}

export type ParseResult = PacProfiles | { error: string };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A property by name, ignoring case (pac writes PascalCase; readers of other versions differ). */
function get(o: Json, key: string): unknown {
  if (key in o) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

/** A string, or an older format's `{ "Value": "…" }`; empty strings count as absent. */
function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v.trim() || undefined;
  if (isObject(v)) return text(get(v, 'Value'));
  return undefined;
}

/** An environment URL, or undefined for pac's "no environment" stand-in and anything that is not https. */
function environmentUrl(v: unknown): string | undefined {
  const written = text(v);
  if (!written) return undefined;
  try {
    const url = new URL(written);
    if (url.protocol !== 'https:' || NO_ENVIRONMENT_HOSTS.has(url.hostname.toLowerCase())) return undefined;
    return written;
  } catch {
    return undefined;
  }
}

function profileOf(o: Json, index: number): PacProfile {
  // `ActiveOrganization` is how `pac auth list --json` shows it (Item1 name, Item2 URL, Item3 id).
  const org = isObject(get(o, 'ActiveOrganization')) ? (get(o, 'ActiveOrganization') as Json) : {};
  const legacy = isObject(get(o, 'LegacyResource')) ? (get(o, 'LegacyResource') as Json) : {};
  const profile: PacProfile = { index };
  const assign = <K extends keyof PacProfile>(key: K, value: PacProfile[K] | undefined) => { if (value !== undefined) profile[key] = value; };
  assign('name', text(get(o, 'Name')));
  assign('kind', text(get(o, 'Kind'))?.toUpperCase());
  assign('url', environmentUrl(get(o, 'Resource')) ?? environmentUrl(get(o, 'ActiveEnvironmentUrl')) ?? environmentUrl(get(legacy, 'Resource')) ?? environmentUrl(get(org, 'Item2')));
  assign('environmentId', text(get(o, 'EnvironmentId')) ?? text(get(org, 'Item3')));
  assign('friendlyName', text(get(o, 'FriendlyName')) ?? text(get(org, 'Item1')) ?? text(get(o, 'OrganizationUniqueName')));
  return profile;
}

const sameProfile = (a: PacProfile, b: PacProfile) =>
  a.name === b.name && a.kind === b.kind && a.url === b.url && a.environmentId === b.environmentId;

/**
 * Parses the profile file's text (BOM already removed or not). `Current` maps a kind to its active profile
 * (a copy of the profile; an index or a name are taken too); UNIVERSAL wins, then DATAVERSE, then any kind
 * with an environment. A file with one profile and no `Current` has that one active, as pac treats it.
 */
export function parseAuthProfiles(textWithBom: string, version = KNOWN_VERSION): ParseResult {
  const content = textWithBom.replace(/^\uFEFF/, '');
  if (!content.trim()) return { error: 'the file is empty (pac may be writing it)' };
  let root: unknown;
  try {
    root = JSON.parse(content);
  } catch (e) {
    return { error: `the file is not valid JSON (pac may be writing it): ${(e as Error).message}` };
  }
  if (!isObject(root)) return { error: 'the file does not hold a JSON object' };
  const list = get(root, 'Profiles');
  if (list !== undefined && !Array.isArray(list)) return { error: '"Profiles" is not a list' };
  const profiles = (list as unknown[] | undefined ?? []).filter(isObject).map((p, i) => profileOf(p, i + 1));
  const result: PacProfiles = { version, profiles };
  const notes: string[] = [];
  if (version > KNOWN_VERSION) notes.push(`authprofiles_v${version}.json is newer than the v${KNOWN_VERSION} format FlowCop knows; read as v${KNOWN_VERSION}`);

  const current = get(root, 'Current');
  const byKind = new Map<string, PacProfile>();
  if (isObject(current)) {
    for (const [kind, value] of Object.entries(current)) {
      const found = isObject(value) ? profiles.find(p => sameProfile(p, profileOf(value, 0))) ?? profileOf(value, 0)
        : typeof value === 'number' ? profiles[value]
          : typeof value === 'string' ? profiles.find(p => p.name === value) : undefined;
      if (found) byKind.set(kind.toUpperCase(), found);
    }
  }
  result.active = byKind.get('UNIVERSAL') ?? byKind.get('DATAVERSE') ?? [...byKind.values()].find(p => p.url || p.environmentId)
    ?? [...byKind.values()][0] ?? (profiles.length === 1 ? profiles[0] : undefined);
  if (!result.active && profiles.length) notes.push(`none of its ${profiles.length} profiles is marked active`);
  if (list === undefined) notes.push('it lists no "Profiles"');
  if (notes.length) result.note = notes.join('; ');
  return result;
}
