// SARIF 2.1.0, as GitHub code scanning and Azure DevOps accept it: stable rule ids, relative
// URIs under %SRCROOT%, 1-based regions, logical locations, partial fingerprints, stable order.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Finding } from '../findings/finding';
import { fullyQualifiedName } from '../findings/finding';
import { groupByValue } from '../findings/fold';
import type { Rule, Severity } from '../rules/rule';
import { jsonForLogs } from '../util/terminal';
import { isInsideDir, relativePath } from '../util/paths';
import { findingPosition } from './paths';

export interface SarifOptions {
  /** %SRCROOT%: the folder result URIs are relative to (the repository root in CI). */
  base: string;
  version: string;
  rules: readonly Rule[];
  /** Web address of the rule documentation folder; `<id>.md` is appended. */
  docsBaseUrl: string;
  /** Markdown of each rule's documentation, when available, for `help.markdown`. */
  ruleDocs?: (rule: Rule) => string | undefined;
  /** runs[0].automationDetails (see automationDetails). */
  automation?: { id: string; properties?: Record<string, string> };
}

/**
 * The run's category. GitHub accepts any stable id; GitHub Advanced Security for Azure DevOps wants
 * `azuredevops/pipeline/build/<org>/<project>/<definition>/<phase>/<branch>/<build>`, which an
 * Azure Pipelines job can tell from its predefined variables.
 */
export function automationDetails(env: Record<string, string | undefined>): { id: string; properties?: Record<string, string> } {
  if (env.TF_BUILD && env.SYSTEM_COLLECTIONURI && env.SYSTEM_TEAMPROJECT && env.BUILD_BUILDID) {
    const uri = env.SYSTEM_COLLECTIONURI.replace(/\/+$/, '');
    const org = /dev\.azure\.com\/([^/]+)/.exec(uri)?.[1] ?? /^https?:\/\/([^./]+)\./.exec(uri)?.[1] ?? uri;
    const definitionId = env.SYSTEM_DEFINITIONID ?? '0';
    const phaseId = env.SYSTEM_PHASEID ?? '0';
    const key = (k: string) => `azuredevops/pipeline/build/${k}`;
    return {
      id: ['azuredevops/pipeline/build', org, env.SYSTEM_TEAMPROJECT, definitionId, phaseId, env.BUILD_SOURCEBRANCH ?? 'unknown', env.BUILD_BUILDID].join('/'),
      properties: {
        [key('buildDefinitionId')]: definitionId,
        [key('buildDefinitionName')]: env.BUILD_DEFINITIONNAME ?? definitionId,
        [key('phaseId')]: phaseId,
        [key('phaseName')]: env.SYSTEM_PHASENAME ?? phaseId,
      },
    };
  }
  return { id: 'flowcop/lint/' };
}

/** Related locations listed per result (the same value elsewhere). */
const MAX_RELATED = 20;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

export function formatSarif(findings: Finding[], options: SarifOptions): string {
  const rules = [...options.rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1));
  const index = new Map(rules.map((r, i) => [r.meta.id, i]));
  const seen = new Map<string, number>();
  const groups = groupByValue(findings);
  const physical = (f: Finding) => {
    const pos = findingPosition(f);
    const artifactLocation = isInsideDir(f.loc.file.path, options.base)
      ? { uri: encodeUri(relativePath(f.loc.file.path, options.base)), uriBaseId: '%SRCROOT%' }
      : { uri: pathToFileURL(f.loc.file.path).href };
    // A finding inside a packed .zip points at the archive; the entry and its line go in properties.
    const region = f.loc.file.entry
      ? { startLine: 1 }
      : { startLine: pos.line, startColumn: pos.column, endLine: pos.endLine, endColumn: Math.max(pos.endColumn, pos.line === pos.endLine ? pos.column + 1 : 1) };
    return { artifactLocation, region };
  };
  const results = findings.map(f => {
    const pos = findingPosition(f);
    const { artifactLocation, region } = physical(f);
    const fqn = fullyQualifiedName(f);
    const key = [f.ruleId, relativePath(f.loc.file.path, options.base) + (f.loc.file.entry ? `!/${f.loc.file.entry}` : ''), fqn, f.logical.element ? '' : f.message].join('\u0000');
    const occurrence = (seen.get(key) ?? 0) + 1;
    seen.set(key, occurrence);
    const result: Record<string, unknown> = {
      ruleId: f.ruleId,
      ruleIndex: index.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.loc.file.entry ? `${f.message} (in ${f.loc.file.entry}, line ${pos.line})` : f.message },
      locations: [{
        physicalLocation: { artifactLocation, region },
        ...(fqn ? { logicalLocations: logicalLocations(f) } : {}),
      }],
      partialFingerprints: { 'flowcop/v1': createHash('sha256').update(`${key}\u0000${occurrence}`).digest('hex').slice(0, 32) },
    };
    // The same rule and value elsewhere: one result per place (code scanning expects that), each
    // pointing at the others so a reviewer sees one decision.
    const others = (groups.get(f)?.findings ?? []).filter(o => o !== f).slice(0, MAX_RELATED);
    if (others.length) {
      result.relatedLocations = others.map((o, i) => ({ id: i + 1, physicalLocation: physical(o), message: { text: 'The same value, reported by the same rule.' } }));
    }
    if (f.loc.file.entry || pos.script) {
      result.properties = {
        ...(f.loc.file.entry ? { archiveEntry: f.loc.file.entry, entryLine: pos.line, entryColumn: pos.column } : {}),
        ...(pos.script ? { scriptLine: pos.script.line, scriptColumn: pos.script.column } : {}),
      };
    }
    return result;
  });

  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'FlowCop',
          fullName: `FlowCop ${options.version}`,
          informationUri: options.docsBaseUrl.replace(/docs\/rules\/?$/, ''),
          version: options.version,
          semanticVersion: options.version,
          rules: rules.map(r => {
            const markdown = options.ruleDocs?.(r);
            return {
              id: r.meta.id,
              name: pascal(r.meta.id),
              shortDescription: { text: r.meta.description },
              fullDescription: { text: r.meta.description },
              helpUri: `${options.docsBaseUrl.replace(/\/?$/, '/')}${r.meta.id}.md`,
              // GitHub code scanning requires help on every rule; the docs page when installed.
              help: markdown ? { text: r.meta.description, markdown } : { text: `${r.meta.description} See ${options.docsBaseUrl.replace(/\/?$/, '/')}${r.meta.id}.md` },
              defaultConfiguration: { level: LEVEL[r.meta.defaultSeverity] },
              properties: {
                tags: [r.meta.category, ...(r.meta.category === 'credential' ? ['security'] : [])],
                ...(r.meta.securitySeverity !== undefined ? { 'security-severity': r.meta.securitySeverity.toFixed(1) } : {}),
                precision: r.meta.category === 'syntax' ? 'very-high' : 'high',
              },
            };
          }),
        },
      },
      // GitHub Advanced Security for Azure DevOps needs a stable category for the run.
      automationDetails: options.automation ?? { id: 'flowcop/lint/' },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(options.base.replace(/\/?$/, '/')).href } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  // Printed to CI logs as well as uploaded: nothing in it may act as a log command (util/terminal.ts).
  return jsonForLogs(JSON.stringify(sarif, null, 2)) + '\n';
}

function logicalLocations(f: Finding): Array<Record<string, string>> {
  const out: Array<Record<string, string>> = [];
  const l = f.logical;
  const parts: string[] = [];
  const push = (name: string | undefined, kind: string) => {
    if (!name) return;
    parts.push(name);
    out.push({ name, fullyQualifiedName: parts.join('/'), kind });
  };
  push(l.solution, 'namespace');
  push(l.flow, 'module');
  if (l.subflow && l.subflow !== 'main') push(l.subflow, 'function');
  push(l.element?.name, l.element?.kind === 'action' || l.element?.kind === 'trigger' ? 'member' : l.element?.kind === 'variable' || l.element?.kind === 'input' || l.element?.kind === 'output' ? 'variable' : 'resource');
  // SARIF wants the most specific location; keep only it, with the full path in its name.
  return out.length ? [out[out.length - 1]] : [];
}

function pascal(id: string): string {
  return id.split(/[/-]/).map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

function encodeUri(rel: string): string {
  return rel.split('/').map(encodeURIComponent).join('/');
}
