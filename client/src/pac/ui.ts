// The pac CLI in the editor: keeps pac's profiles current (watch.ts), shows pac's environment beside FlowCop's
// in the status bar (match.ts decides what it says), and offers `pac org select` in a terminal the user sees.
// FlowCop never runs pac by itself.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { EnvironmentInfo } from '../../../server/src/lsp/protocol';
import { environmentStatus, isPacEnvironment, pacEnvironmentLabel, pacSelectCommand } from './match';
import { pacDataFolders, PacProfiles } from './profiles';
import { PacFolderWatcher, readPacProfiles } from './watch';

export class PacProfilesSource implements vscode.Disposable {
  private current: PacProfiles | undefined;
  private file: string | undefined;
  private lastReason: string | undefined;
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly watcher: PacFolderWatcher;
  private readonly focus: vscode.Disposable;

  constructor(private readonly log: (message: string) => void,
    private readonly folders = pacDataFolders({ platform: process.platform, env: process.env, home: os.homedir() })) {
    this.read();
    this.watcher = new PacFolderWatcher(this.folders, () => this.read(), log);
    // A folder pac created while nothing could watch it (no parent either) is found when the window regains focus.
    this.focus = vscode.window.onDidChangeWindowState(s => { if (s.focused) { this.watcher.rearm(); this.read(); } });
  }

  profiles(): PacProfiles | undefined { return this.current; }
  source(): string | undefined { return this.file; }

  private read(): void {
    const reading = readPacProfiles(this.folders);
    if (reading.reason !== this.lastReason) {
      this.lastReason = reading.reason;
      if (reading.reason) this.log(`pac profiles: ${reading.reason}`);
    }
    // A file that is there but unreadable is likely mid-rewrite: keep what was read last until pac finishes.
    if (!reading.profiles && reading.file && this.current) return;
    const before = JSON.stringify([this.current, this.file]);
    this.current = reading.profiles;
    this.file = reading.profiles ? reading.file : undefined;
    if (JSON.stringify([this.current, this.file]) !== before) {
      const a = this.current?.active;
      this.log(this.current ? `pac profiles: ${this.current.profiles.length} in ${this.file}; active: ${a ? `${a.name ?? `#${a.index}`} → ${a.url ?? a.environmentId ?? 'no environment'}` : 'none'}` : 'pac profiles: none found');
      this.emitter.fire();
    }
  }

  dispose(): void {
    this.watcher.dispose();
    this.focus.dispose();
    this.emitter.dispose();
  }
}

/** Fills the environment status bar item: FlowCop's environment, and pac's when it has profiles. */
export function showEnvironmentStatus(item: vscode.StatusBarItem, active: string | null, pac: PacProfilesSource, environments: readonly EnvironmentInfo[]): void {
  const status = environmentStatus(active, pac.profiles(), environments, pac.source());
  item.text = status.text;
  const tooltip = new vscode.MarkdownString(status.tooltip, true);
  item.tooltip = tooltip;
  item.backgroundColor = status.mismatch ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
  item.accessibilityInformation = { label: status.text.replace(/\$\([a-z-]+\)\s*/g, '') + (status.mismatch ? ' (pac and FlowCop disagree)' : '') };
}

/** The quick pick's note on the environment pac points at (undefined for the others). */
export function pacMatchDescription(env: EnvironmentInfo, pac: PacProfilesSource): string | undefined {
  return isPacEnvironment(env, pac.profiles()?.active) ? "matches pac's active environment" : undefined;
}

/**
 * After a switch: when pac points elsewhere and flowcop.json says where the chosen environment is, offers to
 * run `pac org select` in a terminal (nothing runs unless the user picks the button).
 */
export async function offerPacSelect(env: EnvironmentInfo | undefined, pac: PacProfilesSource): Promise<vscode.Terminal | undefined> {
  const profile = pac.profiles()?.active;
  if (!env || !profile || isPacEnvironment(env, profile)) return undefined;
  const command = pacSelectCommand(env);
  if (!command) return undefined;
  const pacNow = profile.url || profile.environmentId ? pacEnvironmentLabel(profile) : 'no environment';
  const RUN = 'Run pac org select in a Terminal';
  const choice = await vscode.window.showInformationMessage(`FlowCop checks ${env.name}; pac points at ${pacNow}. Point pac at ${env.name} too with \`${command}\`?`, RUN);
  if (choice !== RUN) return undefined;
  const terminal = vscode.window.createTerminal({ name: 'pac org select' });
  terminal.show();
  terminal.sendText(command, true);
  return terminal;
}
