// The FlowCop activity-bar views: connection references (solution → reference → flows using it), environment
// variables (solution → variable with its value in the active environment), desktop flows (solution → flow,
// opening its decoded script). Data comes from the server (`flowcop/model`); refreshed after every scan.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type {
  FileLocation, ModelConnectionReference, ModelDesktopFlow, ModelEnvironmentVariable, ModelResult, ModelSolution,
} from '../../server/src/lsp/protocol';

export type Node =
  | { type: 'solution'; view: ViewKind; solution: ModelSolution }
  | { type: 'connectionReference'; solution: ModelSolution; ref: ModelConnectionReference }
  | { type: 'usage'; ref: ModelConnectionReference; usage: ModelConnectionReference['usages'][number] }
  | { type: 'environmentVariable'; solution: ModelSolution; variable: ModelEnvironmentVariable }
  | { type: 'desktopFlow'; solution: ModelSolution; flow: ModelDesktopFlow }
  | { type: 'message'; text: string };

export type ViewKind = 'connectionReferences' | 'environmentVariables' | 'desktopFlows';

export class ModelStore {
  private model: ModelResult | undefined;
  private loading: Promise<ModelResult | undefined> | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly fetch: () => Promise<ModelResult | undefined>) {}

  async get(): Promise<ModelResult | undefined> {
    if (this.model) return this.model;
    this.loading ??= this.fetch().then(m => { this.model = m; return m; }).finally(() => { this.loading = undefined; });
    return this.loading;
  }

  /** Drops the cache and tells the views to ask again. */
  invalidate(): void {
    this.model = undefined;
    this.emitter.fire();
  }
}

function media(context: vscode.ExtensionContext, name: string): vscode.Uri {
  return vscode.Uri.joinPath(context.extensionUri, 'media', `${name}.svg`);
}

export function locationUri(loc: FileLocation): vscode.Uri {
  return vscode.Uri.file(loc.path);
}

export function locationRange(loc: FileLocation): vscode.Range {
  return new vscode.Range(loc.range.start.line, loc.range.start.character, loc.range.end.line, loc.range.end.character);
}

/** The command that opens a file at a location (a packed .zip has nothing to open). */
function revealCommand(loc: FileLocation, title: string): vscode.Command | undefined {
  if (loc.entry) return undefined;
  return { title, command: 'vscode.open', arguments: [locationUri(loc), { selection: locationRange(loc), preview: true } satisfies vscode.TextDocumentShowOptions] };
}

const markdown = (text: string) => {
  const md = new vscode.MarkdownString(text);
  md.supportThemeIcons = true;
  return md;
};
const code = (s: string) => '`' + s.replace(/`/g, "'").replace(/[\r\n]+/g, ' ') + '`';
/** Names from the files as plain text in markdown: no links, images, headings or theme icons. */
const text = (s: string) => s.replace(/\s+/g, ' ').replace(/[\\`*_{}[\]()#!<>|~&$]/g, '\\$&').replace(/^(\s*)([-+]|\d+\.)/, '$1\\$2');

export class FlowCopTree implements vscode.TreeDataProvider<Node> {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly context: vscode.ExtensionContext, readonly view: ViewKind, private readonly store: ModelStore) {
    store.onDidChange(() => this.emitter.fire(undefined));
  }

  async getChildren(element?: Node): Promise<Node[]> {
    const model = await this.store.get();
    if (!model) {
      const enabled = vscode.workspace.getConfiguration('flowcop').get<boolean>('enable', true);
      return [{ type: 'message', text: enabled ? 'FlowCop is starting…' : 'FlowCop is disabled (flowcop.enable)' }];
    }
    if (!element) {
      const solutions = model.solutions.filter(s => this.itemsOf(s).length > 0 || this.view !== 'desktopFlows');
      // An empty Connection References view shows its welcome content (unpack a zip, re-scan).
      if (!model.solutions.length && this.view === 'connectionReferences') return [];
      if (!solutions.length) return [{ type: 'message', text: model.solutions.length ? 'No desktop flows in the solutions' : 'No Power Platform solution found in this workspace' }];
      return solutions.map(solution => ({ type: 'solution', view: this.view, solution }));
    }
    switch (element.type) {
      case 'solution': return this.itemsOf(element.solution);
      case 'connectionReference': return element.ref.usages.map(usage => ({ type: 'usage', ref: element.ref, usage }));
      default: return [];
    }
  }

  private itemsOf(solution: ModelSolution): Node[] {
    switch (this.view) {
      case 'connectionReferences': return solution.connectionReferences.map(ref => ({ type: 'connectionReference', solution, ref }));
      case 'environmentVariables': return solution.environmentVariables.map(variable => ({ type: 'environmentVariable', solution, variable }));
      case 'desktopFlows': return solution.desktopFlows.map(flow => ({ type: 'desktopFlow', solution, flow }));
    }
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.type) {
      case 'message': {
        const item = new vscode.TreeItem(node.text);
        item.contextValue = 'message';
        return item;
      }
      case 'solution': {
        const s = node.solution;
        const item = new vscode.TreeItem(s.displayName, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `${node.view}:${s.root}`;
        item.description = s.displayName !== s.uniqueName ? s.uniqueName : s.layout === 'zip' ? path.basename(s.root) : undefined;
        item.tooltip = markdown(`**${text(s.displayName)}** ${code(s.uniqueName)}\n\n${s.layout} layout — ${text(s.root)}`);
        item.iconPath = media(this.context, 'solution');
        item.contextValue = 'solution';
        return item;
      }
      case 'connectionReference': {
        const r = node.ref;
        const item = new vscode.TreeItem(r.displayName, r.usages.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `cr:${node.solution.root}:${r.logicalName}`;
        const bound = r.bindings.filter(b => b.connectionId);
        const binding = bound.length === 1 ? bound[0].connectionId : bound.length > 1 ? bound.map(b => `${b.environment}: ${b.connectionId}`).join(', ') : undefined;
        item.description = r.unbound.length ? `${r.connectorName} · not bound in ${r.unbound.join(', ')}` : binding ? `${r.connectorName} · ${binding}` : r.connectorName;
        const lines = [`**${text(r.displayName)}** — connection reference ${code(r.logicalName)}`, '', `Connector: ${code(r.connectorName)}`, ''];
        for (const b of r.bindings) lines.push(`- ${text(b.environment)}: ${b.connectionId ? code(b.connectionId) : '_no connection_'} (${text(path.basename(b.file))})`);
        if (r.unbound.length) lines.push('', `$(warning) No connection bound in ${r.unbound.join(', ')}: the deployment settings of ${r.unbound.length > 1 ? 'these environments' : 'this environment'} give no ConnectionId, so import leaves the flows using it off.`);
        lines.push('', r.usages.length ? `Used by ${r.usages.length} flow(s)` : 'Used by no flow');
        item.tooltip = markdown(lines.join('\n'));
        item.iconPath = r.unbound.length ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : media(this.context, 'connection-reference');
        item.contextValue = r.unbound.length ? 'connectionReference.unbound' : 'connectionReference';
        item.command = revealCommand(r.definition, 'Reveal Definition');
        return item;
      }
      case 'usage': {
        const u = node.usage;
        const item = new vscode.TreeItem(u.flowName);
        item.id = `use:${node.ref.logicalName}:${u.kind}:${u.location.path}:${u.location.range.start.line}:${u.flowName}`;
        item.description = u.kind === 'cloud' ? 'cloud flow' : 'desktop flow';
        item.iconPath = media(this.context, u.kind === 'cloud' ? 'cloud-flow' : 'desktop-flow');
        item.contextValue = 'usage';
        item.tooltip = `${u.flowName} uses ${node.ref.logicalName} (${path.basename(u.location.path)}:${u.location.range.start.line + 1})`;
        item.command = revealCommand(u.location, 'Reveal Usage');
        return item;
      }
      case 'environmentVariable': {
        const v = node.variable;
        const item = new vscode.TreeItem(v.displayName);
        item.id = `ev:${node.solution.root}:${v.schemaName}`;
        const show = (x: ModelEnvironmentVariable['value']) => (x.source === 'none' ? 'no value' : v.secret ? '(secret)' : x.text);
        // With no active environment: every environment's value, as the references show every binding.
        item.description = !v.value.environment && v.perEnvironment.length > 0 && !v.secret
          ? `${v.kind} · ${v.perEnvironment.map(p => `${p.environment}: ${show(p)}`).join(', ')}`
          : `${v.kind} = ${show(v.value)}`;
        const from = v.value.source === 'settings' ? `the ${v.value.environment} deployment settings` : v.value.source === 'current' ? 'the committed current value'
          : v.value.source === 'default' ? 'the default value' : undefined;
        // `secret` is set by the server for a Secret and for any variable it finds holding a secret; the model
        // then carries no value for it at all (server/src/lsp/model.ts), and nothing here shows one.
        const lines = [`**${text(v.displayName)}** — environment variable ${code(v.schemaName)}`, '', `Type: ${v.kind}${v.secret && v.kind !== 'Secret' ? ' (holds a secret: its value is not shown)' : ''}`];
        if (v.description) lines.push('', text(v.description));
        if (v.defaultValue !== undefined) lines.push('', `Default: ${v.secret ? '(secret)' : code(v.defaultValue)}`);
        lines.push('', from ? `Value${v.value.environment ? ` in **${text(v.value.environment)}**` : ''}: ${v.secret ? '(secret)' : code(v.value.text)} (from ${from})` : `No value${v.value.environment ? ` in **${v.value.environment}**` : ''}`);
        if (v.perEnvironment.length > 1 || (v.perEnvironment.length && !v.value.environment)) {
          lines.push('');
          for (const p of v.perEnvironment) lines.push(`- ${text(p.environment ?? '')}: ${p.source === 'none' ? 'no value' : v.secret ? '(secret)' : code(p.text)}${p.source !== 'settings' && p.source !== 'none' ? ` (${p.source})` : ''}`);
        }
        item.tooltip = markdown(lines.join('\n'));
        item.iconPath = v.value.source === 'none' && v.value.environment ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
          : v.secret ? new vscode.ThemeIcon('lock') : media(this.context, 'environment-variable');
        item.contextValue = 'environmentVariable';
        item.command = revealCommand(v.definition, 'Reveal Definition');
        return item;
      }
      case 'desktopFlow': {
        const f = node.flow;
        const item = new vscode.TreeItem(f.name);
        item.id = `df:${f.scriptPath ?? f.xmlPath}:${f.id}`; // a v1 flow's differing package script is a second entry with the same id
        item.description = path.basename(f.xmlPath);
        const inYaml = /\.ya?ml$/i.test(f.xmlPath);
        const scriptNote = !f.hasScript ? (inYaml ? ' (its script is the Definition there: click to reveal it)' : ' (no script in the solution)')
          : f.readOnly ? (f.scriptPath && f.scriptPath !== f.xmlPath ? ` (script read-only, decoded from the package in ${path.basename(f.scriptPath)})` : ' (script read-only)') : '';
        item.tooltip = `${f.name}: desktop flow in ${f.xmlPath}${scriptNote}`;
        item.iconPath = media(this.context, 'desktop-flow');
        item.contextValue = f.hasScript ? 'desktopFlow' : 'desktopFlow.noScript';
        if (f.hasScript) item.command = { title: 'Open Desktop Flow Script', command: 'flowcop.openDesktopFlowScript', arguments: [node] };
        else if (inYaml) item.command = revealCommand(f.location, 'Reveal Definition');
        return item;
      }
    }
  }
}
