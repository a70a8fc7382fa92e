// The Environment Matrix webview panel: asks the server for `flowcop/matrix`, renders it (render.ts) and posts
// the HTML to the page; opens cells' locations, runs cells' actions (`flowcop/matrixEdit`, value prompts in
// an input box here, never inside the webview) and refreshes when a scan ends or the environment changes.
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import {
  FileLocation, MatrixAction, MatrixEditParams, MatrixEditRequest, MatrixEditResult, MatrixRequest, MatrixResult,
} from '../../../server/src/lsp/protocol';
import { cellAt, ColumnKey, MatrixViewState, overviewFinding, renderMatrix, renderShell, selectedSolution } from './render';
import { documentMatches } from './edits';

/** Sends a request to the language server; undefined when it is not running. */
export type Requester = <R>(method: string, params?: unknown) => Promise<R | undefined>;

type FromPage =
  | { type: 'ready'; state?: Partial<MatrixViewState> }
  | { type: 'state'; state: Partial<MatrixViewState> }
  | { type: 'open'; r: number; c: string }
  | { type: 'actions'; r: number; c: string }
  | { type: 'openFinding'; key: string }
  | { type: 'rendered'; ms: number; cells: number };

export class MatrixPanel implements vscode.Disposable {
  static readonly viewType = 'flowcop.environmentMatrix';
  private panel: vscode.WebviewPanel | undefined;
  private result: MatrixResult | undefined;
  private state: MatrixViewState = { onlyProblems: false, environment: '' };
  private generation = 0;
  private timer: NodeJS.Timeout | undefined;
  /** A solution the command asked for: it wins over the one the page remembers. */
  private requested: string | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly request: Requester,
    onModelChanged: vscode.Event<void>,
    private readonly log: (message: string) => void,
  ) {
    // The model store changes after every scan (debounced there) and after an environment switch.
    this.disposables.push(onModelChanged(() => this.refresh()));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** Opens (or reveals) the panel, on one solution when given. */
  async show(solution?: string): Promise<MatrixResult | undefined> {
    if (solution) this.state = { ...this.state, solution };
    if (this.panel?.visible) {
      this.panel.reveal();
      return this.load();
    }
    // A new page, or one that comes back from hidden: it asks for the content once its script runs ('ready').
    this.requested = solution;
    if (this.panel) {
      this.panel.reveal();
      return undefined;
    }
    const panel = vscode.window.createWebviewPanel(MatrixPanel.viewType, 'Environment Matrix', vscode.ViewColumn.Active, {
      // Hidden, the page is dropped; its state (filters, scroll, focus) comes back through getState.
      retainContextWhenHidden: false,
    });
    this.attach(panel);
    return undefined;
  }

  /** A panel VS Code kept across a window reload: the page's state (getState) brings back its solution and filters. */
  restore(panel: vscode.WebviewPanel): void {
    if (this.panel) { panel.dispose(); return; }
    this.attach(panel);
  }

  private attach(panel: vscode.WebviewPanel): void {
    const media = vscode.Uri.joinPath(this.context.extensionUri, 'media');
    panel.webview.options = { enableScripts: true, localResourceRoots: [media] };
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(media, 'flowcop.svg');
    const asset = (name: string) => panel.webview.asWebviewUri(vscode.Uri.joinPath(media, 'matrix', name)).toString();
    panel.webview.html = renderShell({ cspSource: panel.webview.cspSource, nonce: crypto.randomBytes(16).toString('base64'), scriptUri: asset('matrix.js'), styleUri: asset('matrix.css') });
    panel.webview.onDidReceiveMessage((m: FromPage) => this.onMessage(m).catch(e => this.fail(e)), undefined, this.disposables);
    panel.onDidDispose(() => { if (this.panel === panel) { this.panel = undefined; this.result = undefined; } }, undefined, this.disposables);
  }

  /** Asks the server again, after a pause (scan notifications come in bursts). */
  refresh(ms = 200): void {
    // A hidden panel has no page (retainContextWhenHidden: false): shown again, the page asks ('ready').
    if (!this.panel?.visible) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; this.load().catch(e => this.fail(e)); }, ms);
  }

  private async load(): Promise<MatrixResult | undefined> {
    const generation = ++this.generation;
    const result = await this.request<MatrixResult>(MatrixRequest, {});
    if (generation !== this.generation || !this.panel) return result; // a newer request is under way
    if (!result) { void this.panel.webview.postMessage({ type: 'render', html: '<p class="muted">FlowCop is not running: see the FlowCop output.</p>', state: this.state }); return undefined; }
    this.result = result;
    this.post();
    return result;
  }

  private post(): void {
    if (!this.panel || !this.result) return;
    const solution = selectedSolution(this.result, this.state);
    this.state = { ...this.state, solution: solution?.uniqueName };
    this.panel.title = solution ? `Environment Matrix: ${solution.displayName}` : 'Environment Matrix';
    void this.panel.webview.postMessage({ type: 'render', html: renderMatrix(this.result, this.state), state: this.state });
  }

  private async onMessage(m: FromPage): Promise<void> {
    switch (m.type) {
      case 'ready':
        this.state = { ...this.state, ...pickState(m.state), ...(this.requested ? { solution: this.requested } : {}) };
        this.requested = undefined;
        await this.load();
        return;
      case 'state':
        this.state = { ...this.state, ...pickState(m.state) };
        this.post();
        return;
      case 'open': {
        const row = this.row(m.r);
        if (!row) return;
        const column = columnKey(m.c);
        const target = column === 'name' ? row.definition : cellAt(row, column)?.location ?? (column === 'type' ? row.definition : undefined);
        if (target) await this.reveal(target);
        return;
      }
      case 'actions': await this.offerActions(m.r, columnKey(m.c)); return;
      case 'openFinding': {
        const solution = this.result && selectedSolution(this.result, this.state);
        const finding = solution && overviewFinding(solution.overview, m.key);
        if (finding) await this.reveal(finding.location);
        return;
      }
      case 'rendered':
        // The page's own time (message in → laid out), for the log: the matrix must stay fast at 300 × 5.
        this.log(`environment matrix rendered: ${Number(m.cells)} cells in ${Math.round(Number(m.ms))} ms`);
        return;
    }
  }

  private row(index: number) {
    const solution = this.result && selectedSolution(this.result, this.state);
    return solution?.rows[index];
  }

  /** Opens a file at a location beside the matrix (a packed .zip's entry cannot be opened). */
  private async reveal(location: FileLocation): Promise<void> {
    if (location.entry) {
      void vscode.window.showInformationMessage(`${location.entry} is inside ${path.basename(location.path)} (a packed solution): unpack it to edit.`);
      return;
    }
    const r = location.range;
    await vscode.window.showTextDocument(vscode.Uri.file(location.path), {
      selection: new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character), preview: false, viewColumn: vscode.ViewColumn.Beside,
    });
  }

  /** The cell's actions in a quick pick (and opening the entry); the chosen one runs here. */
  private async offerActions(rowIndex: number, column: ColumnKey): Promise<void> {
    const row = this.row(rowIndex);
    const cell = row && cellAt(row, column);
    if (!row || !cell) return;
    type Item = vscode.QuickPickItem & { action?: MatrixAction; open?: FileLocation };
    const items: Item[] = cell.actions.map(action => ({ label: action.title, detail: path.basename(action.edit.file), action }));
    if (cell.location) items.push({ label: 'Open in the settings file', detail: `${path.basename(cell.location.path)}:${cell.location.range.start.line + 1}`, open: cell.location });
    if (!items.length) { void vscode.window.showInformationMessage(`Nothing to do for ${row.name} here.`); return; }
    const pick = await vscode.window.showQuickPick(items, { title: `${row.name}${typeof column === 'number' ? ` — ${this.columnName(column)}` : ''}`, placeHolder: 'Action' });
    if (pick?.action) await this.runAction(pick.action);
    else if (pick?.open) await this.reveal(pick.open);
  }

  private columnName(column: number): string {
    const solution = this.result && selectedSolution(this.result, this.state);
    return solution?.columns[column]?.environment ?? '';
  }

  /** Asks for the value when the action wants one, gets the edit from the server and applies it unless the file changed. */
  async runAction(action: MatrixAction): Promise<boolean> {
    let params: MatrixEditParams = action.edit;
    if (action.promptForValue) {
      const value = await vscode.window.showInputBox({
        title: action.title, value: params.value ?? '', ignoreFocusOut: true,
        prompt: `The value of ${params.name} in ${vscode.workspace.asRelativePath(params.file)}`,
      });
      if (value === undefined) return false;
      params = { ...params, value };
    }
    // Opened first, so that the server computes the edit from the same text the editor holds.
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(params.file));
    const result = await this.request<MatrixEditResult>(MatrixEditRequest, params);
    if (!result) return false;
    if (result.error) { void vscode.window.showWarningMessage(`FlowCop: ${result.error}`); return false; }
    if (!result.edits?.length) return false;
    if (!documentMatches({ version: doc.version, text: doc.getText() }, result.basedOn)) {
      void vscode.window.showWarningMessage(`FlowCop: ${path.basename(params.file)} changed while the edit was computed; nothing was changed. Try again.`);
      this.refresh(0);
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of result.edits) edit.replace(doc.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
    if (!await vscode.workspace.applyEdit(edit)) { void vscode.window.showWarningMessage(`FlowCop: the edit to ${path.basename(params.file)} was refused.`); return false; }
    await doc.save();
    this.refresh(0);
    return true;
  }

  private fail(e: unknown): void {
    this.log(`environment matrix: ${(e as Error)?.stack ?? e}`);
    void vscode.window.showErrorMessage(`FlowCop: ${(e as Error)?.message ?? e}`);
  }
}

/** Only the known fields, typed: the page's messages are input like any other. */
function pickState(s: Partial<MatrixViewState> | undefined): Partial<MatrixViewState> {
  const out: Partial<MatrixViewState> = {};
  if (typeof s?.solution === 'string') out.solution = s.solution;
  if (typeof s?.onlyProblems === 'boolean') out.onlyProblems = s.onlyProblems;
  if (typeof s?.environment === 'string') out.environment = s.environment;
  return out;
}

function columnKey(c: string): ColumnKey {
  return c === 'name' || c === 'type' || c === 'default' || c === 'committed' ? c : Number(c);
}
