// Which flowcop.json environment pac's active environment is (by URL or id), and what the status bar says
// about the two. Pure: no vscode, so unit tests load it.
import type { EnvironmentInfo } from '../../../server/src/lsp/protocol';
import type { PacProfile, PacProfiles } from './profiles';

/** A Dataverse URL compared ignoring case, a trailing slash and a default port: `https://host[:port]/path`. */
export function normalizeEnvironmentUrl(url: string): string | undefined {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'https:') return undefined;
    const path = parsed.pathname.replace(/\/+$/, '').toLowerCase();
    return `https://${parsed.host.toLowerCase()}${path}`;
  } catch {
    return undefined;
  }
}

/** Whether a flowcop.json environment is the Dataverse environment a pac profile points at (by URL or id). */
export function isPacEnvironment(env: Pick<EnvironmentInfo, 'url' | 'id'>, profile: PacProfile | undefined): boolean {
  if (!profile) return false;
  const url = env.url && normalizeEnvironmentUrl(env.url);
  if (url && profile.url && url === normalizeEnvironmentUrl(profile.url)) return true;
  return !!env.id && !!profile.environmentId && env.id.trim().toLowerCase() === profile.environmentId.trim().toLowerCase();
}

/** The flowcop.json environment pac's active profile points at, if any gives that URL or id. */
export function matchPacEnvironment(environments: readonly EnvironmentInfo[], profile: PacProfile | undefined): EnvironmentInfo | undefined {
  return environments.find(e => isPacEnvironment(e, profile));
}

/** How the status bar names pac's environment: its display name, else the URL's first host label, else its id. */
export function pacEnvironmentLabel(profile: PacProfile): string {
  if (profile.friendlyName) return profile.friendlyName;
  if (profile.url) {
    try { return new URL(profile.url).hostname.split('.')[0]; } catch { /* kept as written below */ }
    return profile.url;
  }
  return profile.environmentId ?? 'no environment';
}

export interface EnvironmentStatus {
  text: string;
  /** Markdown. */
  tooltip: string;
  /** pac points at a flowcop.json environment FlowCop is not checking. */
  mismatch: boolean;
  /** The flowcop.json environment pac points at. */
  pacEnvironment?: string;
}

const md = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, c => `\\${c}`);
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;

/**
 * The environment item of the status bar: FlowCop's active environment, and — when pac has profiles — pac's
 * next to it, with a warning when pac points at a flowcop.json environment other than FlowCop's. Checking
 * every environment is no disagreement: it includes pac's.
 */
export function environmentStatus(active: string | null, pac: PacProfiles | undefined, environments: readonly EnvironmentInfo[], source?: string): EnvironmentStatus {
  const flowcop = active ?? 'All environments';
  const flowcopLine = active
    ? `FlowCop checks the deployment settings of **${md(active)}** and shows its values.`
    : 'FlowCop checks the deployment settings of every environment.';
  if (!pac || !pac.profiles.length) {
    return { text: `$(server-environment) ${flowcop}`, tooltip: `${flowcopLine} Click to ${active ? 'switch' : 'pick one'}.`, mismatch: false };
  }
  const profile = pac.active;
  const lines = [flowcopLine, ''];
  const from = source ? ` (${md(source)})` : '';
  if (!profile) {
    lines.push(`pac CLI${from}: no active profile (\`pac auth select\`).`);
    return { text: `$(server-environment) FlowCop: ${flowcop} · pac: no active profile`, tooltip: lines.concat('', 'Click to switch.').join('\n'), mismatch: false };
  }
  const profileName = profile.name ? `profile ${code(profile.name)}` : `profile ${profile.index}`;
  const kind = profile.kind ? ` (${md(profile.kind)})` : '';
  if (!profile.url && !profile.environmentId) {
    lines.push(`pac CLI${from}: ${profileName}${kind} has no environment selected (\`pac org select\`).`);
    return { text: `$(server-environment) FlowCop: ${flowcop} · pac: no environment`, tooltip: lines.concat('', 'Click to switch.').join('\n'), mismatch: false };
  }
  // `$(name)` in status bar text is an icon: a display name must not turn into one.
  const label = pacEnvironmentLabel(profile).replace(/\$\(/g, '$ (');
  const where = [profile.url, profile.environmentId].filter(Boolean).map(s => code(s!)).join(', ');
  lines.push(`pac CLI${from}: ${profileName}${kind}, environment **${md(label)}** — ${where}.`);
  const matched = matchPacEnvironment(environments, profile);
  const mismatch = !!matched && active !== null && matched.name.toLowerCase() !== active.toLowerCase();
  if (!matched) lines.push('', 'It is none of the environments flowcop.json gives a `url` or `id`.');
  else if (mismatch) lines.push('', `$(warning) pac points at **${md(matched.name)}** while FlowCop checks **${md(active!)}**: the two disagree. Click to switch.`);
  else if (active === null) lines.push('', `That is flowcop.json's **${md(matched.name)}**; FlowCop checks every environment. Click to pick one.`);
  else lines.push('', `That is flowcop.json's **${md(matched.name)}**, the environment FlowCop checks.`);
  if (!mismatch && matched === undefined) lines.push('', 'Click to switch.');
  return {
    text: `${mismatch ? '$(warning)' : '$(server-environment)'} FlowCop: ${flowcop} · pac: ${label}`,
    tooltip: lines.join('\n'),
    mismatch,
    pacEnvironment: matched?.name,
  };
}

/** Environments for the switch: pac's first, the others in their order. */
export function pacFirst<T extends Pick<EnvironmentInfo, 'url' | 'id'>>(environments: readonly T[], profile: PacProfile | undefined): T[] {
  const i = environments.findIndex(e => isPacEnvironment(e, profile));
  return i <= 0 ? [...environments] : [environments[i], ...environments.slice(0, i), ...environments.slice(i + 1)];
}

/**
 * The command that points pac at an environment — `pac org select --environment <url or id>` — or undefined
 * when flowcop.json gives neither. The URL is reduced to its origin, so nothing in it needs quoting in any shell.
 */
export function pacSelectCommand(env: Pick<EnvironmentInfo, 'url' | 'id'>): string | undefined {
  if (env.url) {
    try {
      const { protocol, host } = new URL(env.url);
      if (protocol === 'https:' && /^[a-z0-9.:-]+$/i.test(host)) return `pac org select --environment https://${host}`;
    } catch { /* falls back to the id */ }
  }
  if (env.id && /^(?:Default-)?[0-9a-f-]{36}$/i.test(env.id)) return `pac org select --environment ${env.id}`;
  return undefined;
}
