// Machine-readable report (`--format json`) and the `inspect` listing. JSON output is printed to CI logs
// too: jsonForLogs writes what a log viewer acts on as \u escapes; the text listing escapes every name.
import type { Finding } from '../findings/finding';
import type { Workspace } from '../model/types';
import { escapeText, jsonForLogs, safeLines } from '../util/terminal';
import { relativePath } from '../util/paths';
import { displayFile, findingPosition, ScanCounts } from './paths';
import { formatInspectPipelinesText, InspectPipeline, inspectPipelines } from './inspect-pipelines';

export function formatJson(findings: Finding[], scanned: ScanCounts, base: string, version: string): string {
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return jsonForLogs(JSON.stringify({
    tool: { name: 'flowcop', version },
    summary: { ...counts, total: findings.length, solutions: scanned.solutions, scripts: scanned.scripts },
    findings: findings.map(f => {
      const pos = findingPosition(f);
      return {
        ruleId: f.ruleId,
        severity: f.severity,
        category: f.category,
        message: f.message,
        file: displayFile(f.loc.file, base),
        line: pos.line,
        column: pos.column,
        endLine: pos.endLine,
        endColumn: pos.endColumn,
        ...(pos.script ? { scriptLine: pos.script.line, scriptColumn: pos.script.column } : {}),
        logicalLocation: f.logical.element || f.logical.flow ? {
          solution: f.logical.solution,
          flow: f.logical.flow,
          flowKind: f.logical.flowKind,
          subflow: f.logical.subflow,
          element: f.logical.element,
        } : undefined,
      };
    }),
  }, null, 2)) + '\n';
}

export interface InspectReport {
  solutions: Array<{
    /** A legacy flow package is listed as its own kind (zipped: layout zip; extracted: layout package). */
    kind: 'solution' | 'package';
    name: string;
    displayName: string;
    version: string;
    publisherPrefix: string;
    layout: string;
    root: string;
    cloudFlows: Array<{ name: string; id: string; file: string; actions: number }>;
    desktopFlows: Array<{ name: string; id: string; file: string; storage?: string; scriptLines?: number }>;
    connectionReferences: Array<{ logicalName: string; displayName: string; connectorId: string }>;
    environmentVariables: Array<{ schemaName: string; displayName: string; type: string; typeCode: number | null }>;
    environments: Array<{ name: string; file: string }>;
  }>;
  scripts: Array<{ file: string; clipboard: boolean }>;
  unassociatedSettings: Array<{ name: string; file: string }>;
  /** Deployment pipelines and their steps (report/inspect-pipelines.ts). */
  pipelines: InspectPipeline[];
  problems: number;
}

export function inspectWorkspace(workspace: Workspace, base: string): InspectReport {
  return {
    solutions: workspace.solutions.map(s => ({
      kind: s.package ? 'package' as const : 'solution' as const,
      name: s.uniqueName,
      displayName: s.displayName,
      version: s.version,
      publisherPrefix: s.publisher.prefix,
      layout: s.layout,
      root: relativePath(s.root, base),
      cloudFlows: s.cloudFlows.map(f => ({ name: f.name, id: f.id, file: displayFile(f.file, base), actions: f.actions.length })),
      desktopFlows: s.desktopFlows.map(f => ({
        name: f.name, id: f.id, file: displayFile(f.script?.fromPackage ? f.script.file : f.metadataFile, base),
        storage: f.script?.fromPackage ? 'package' : f.script?.storage, scriptLines: f.script ? f.script.text.split(/\r\n|\r|\n/).length : undefined,
      })),
      connectionReferences: s.connectionReferences.map(r => ({ logicalName: r.logicalName, displayName: r.displayName, connectorId: r.connectorId })),
      environmentVariables: s.environmentVariables.map(v => ({ schemaName: v.schemaName, displayName: v.displayName, type: v.kind, typeCode: Number.isNaN(v.typeCode) ? null : v.typeCode })),
      environments: s.environments.map(e => ({ name: e.environment, file: displayFile(e.file, base) })),
    })),
    scripts: workspace.scripts.map(s => ({ file: displayFile(s.script.file, base), clipboard: s.script.clipboard })),
    unassociatedSettings: workspace.orphanSettings.map(e => ({ name: e.environment, file: displayFile(e.file, base) })),
    pipelines: inspectPipelines(workspace, base),
    problems: workspace.problems.length,
  };
}

/** `inspect --format json`. */
export function formatInspectJson(report: InspectReport): string {
  return jsonForLogs(JSON.stringify(report, null, 2)) + '\n';
}

/** `inspect` as text: names and paths from the files escaped (util/terminal.ts). */
export function formatInspectText(report: InspectReport): string {
  const out: string[] = [];
  const e = escapeText;
  for (const s of report.solutions) {
    if (s.kind === 'package') out.push(`${e(s.name)} (legacy flow package${s.layout === 'zip' ? ', zip' : ''}: "${e(s.displayName)}") ${e(s.root)}`);
    else out.push(`${e(s.name)} ${e(s.version)} (${e(s.layout)}, prefix ${e(s.publisherPrefix) || '-'}) ${e(s.root)}`);
    const section = (title: string, items: string[]) => {
      out.push(`  ${title}: ${items.length}`);
      for (const i of items) out.push(`    ${i}`);
    };
    section('cloud flows', s.cloudFlows.map(f => `${e(f.name)} — ${e(f.file)} (${f.actions} actions)`));
    section('desktop flows', s.desktopFlows.map(f => `${e(f.name)} — ${e(f.file)}${f.scriptLines ? ` (${f.scriptLines} script lines, ${e(f.storage ?? '')})` : ''}`));
    section('connection references', s.connectionReferences.map(r => `${e(r.logicalName)} (${e(r.connectorId.split('/').pop() ?? '')})`));
    section('environment variables', s.environmentVariables.map(v => `${e(v.schemaName)} (${e(v.type)})`));
    section('environments', s.environments.map(x => `${e(x.name)} — ${e(x.file)}`));
    out.push('');
  }
  if (report.scripts.length) {
    out.push(`scripts: ${report.scripts.length}`);
    for (const s of report.scripts) out.push(`  ${e(s.file)}${s.clipboard ? ' (clipboard copy)' : ''}`);
    out.push('');
  }
  if (report.unassociatedSettings.length) {
    out.push(`deployment settings without a solution: ${report.unassociatedSettings.length}`);
    for (const x of report.unassociatedSettings) out.push(`  ${e(x.name)} — ${e(x.file)}`);
    out.push('');
  }
  const packages = report.solutions.filter(s => s.kind === 'package').length;
  const solutions = report.solutions.length - packages;
  out.push(`${solutions} solution${solutions === 1 ? '' : 's'}${packages ? `, ${packages} legacy flow package${packages === 1 ? '' : 's'}` : ''}, ${report.scripts.length} script${report.scripts.length === 1 ? '' : 's'}, ${report.problems} load problem${report.problems === 1 ? '' : 's'}`);
  return safeLines(out.join('\n')) + '\n' + safeLines(formatInspectPipelinesText(report.pipelines));
}
