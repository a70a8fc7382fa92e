// The decoded desktop-flow script as a file: `flowcop-script:/<xml path>/<flow name>.robin?id=<flow id>`.
// Reading decodes the <Definition> of the flow in its XML file; saving re-encodes the script the way the
// definition stores it and writes it back into the XML, changing nothing else (BOM, encoding, line endings,
// every other byte) — and refuses when the XML changed on disk since the script was read.
// Two kinds are read-only (stat reports FilePermission.Readonly; a write is refused with NoPermissions): a
// YAML workflow.yml's Definition and a v1 desktop flow's package in its JSON (the URI path names that file).
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { SCRIPT_SCHEME } from '../../server/src/lsp/protocol';
import { locateScript, parseScriptUri, rewriteScript, scriptUriPath, sha1 } from '../../server/src/lsp/scriptFile';

interface Entry {
  xmlPath: string;
  flowId: string;
  /** SHA-1 of the XML bytes the script was last read from or written to. */
  hash: string;
  mtime: number;
  size: number;
  /** Why the script cannot be saved (read-only kinds). */
  readOnly?: string;
}

export function scriptUri(xmlPath: string, flowId: string, flowName: string): vscode.Uri {
  return vscode.Uri.from({ scheme: SCRIPT_SCHEME, path: scriptUriPath(xmlPath, flowName), query: `id=${encodeURIComponent(flowId)}` });
}

export class ScriptFileSystem implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly entries = new Map<string, Entry>();
  private readonly emitter = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.emitter.event;
  private readonly watchers = new Map<string, vscode.Disposable>();

  constructor(private readonly log: (message: string) => void) {}

  private target(uri: vscode.Uri): { xmlPath: string; flowId: string } {
    const { xmlPath, flowId } = parseScriptUri(uri.path, uri.query);
    return { xmlPath: path.resolve(xmlPath), flowId };
  }

  private readXml(xmlPath: string): Uint8Array {
    try {
      return fs.readFileSync(xmlPath);
    } catch (e) {
      throw vscode.FileSystemError.FileNotFound(`${xmlPath}: ${(e as Error).message}`);
    }
  }

  private load(uri: vscode.Uri): { entry: Entry; text: string } {
    const { xmlPath, flowId } = this.target(uri);
    const bytes = this.readXml(xmlPath);
    const located = locateScript(bytes, xmlPath, flowId);
    if ('error' in located) throw vscode.FileSystemError.FileNotFound(`${path.basename(xmlPath)}: ${located.error}`);
    const key = uri.toString();
    const previous = this.entries.get(key);
    const size = Buffer.byteLength(located.text, 'utf8');
    const entry: Entry = previous && previous.hash === located.hash
      ? previous
      : { xmlPath, flowId, hash: located.hash, mtime: Math.max(Date.now(), (previous?.mtime ?? 0) + 1), size, readOnly: located.readOnly };
    this.entries.set(key, entry);
    this.watchXml(xmlPath);
    return { entry, text: located.text };
  }

  /** Follows the XML on disk: a clean script editor reloads; a modified one keeps its text (and saving it is refused). */
  private watchXml(xmlPath: string): void {
    if (this.watchers.has(xmlPath)) return;
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(xmlPath)), path.basename(xmlPath)));
    const onChange = () => {
      let hash: string | undefined;
      try { hash = sha1(fs.readFileSync(xmlPath)); } catch { hash = undefined; }
      const changed: vscode.FileChangeEvent[] = [];
      for (const [key, entry] of this.entries) {
        if (entry.xmlPath !== xmlPath || entry.hash === hash) continue;
        const doc = vscode.workspace.textDocuments.find(d => d.uri.toString() === key);
        if (doc?.isDirty) continue;
        entry.mtime = Math.max(Date.now(), entry.mtime + 1);
        changed.push({ type: vscode.FileChangeType.Changed, uri: vscode.Uri.parse(key) });
      }
      if (changed.length) this.emitter.fire(changed);
    };
    watcher.onDidChange(onChange);
    watcher.onDidCreate(onChange);
    this.watchers.set(xmlPath, watcher);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }

  stat(uri: vscode.Uri): vscode.FileStat {
    const entry = this.entries.get(uri.toString()) ?? this.load(uri).entry;
    const stat: vscode.FileStat = { type: vscode.FileType.File, ctime: 0, mtime: entry.mtime, size: entry.size };
    return entry.readOnly ? { ...stat, permissions: vscode.FilePermission.Readonly } : stat;
  }

  readFile(uri: vscode.Uri): Uint8Array {
    return Buffer.from(this.load(uri).text, 'utf8');
  }

  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    const key = uri.toString();
    const { xmlPath, flowId } = this.target(uri);
    const entry = this.entries.get(key);
    if (entry?.readOnly) {
      this.log(`refused to save ${uri.toString(true)}: read-only`);
      throw vscode.FileSystemError.NoPermissions(`${path.basename(xmlPath)}: ${entry.readOnly} Nothing was written.`);
    }
    const bytes = this.readXml(xmlPath);
    const text = Buffer.from(content).toString('utf8');
    const result = rewriteScript(bytes, xmlPath, flowId, text, entry?.hash);
    if ('error' in result) {
      this.log(`refused to save ${uri.toString(true)}: ${result.error}`);
      throw vscode.FileSystemError.NoPermissions(result.error);
    }
    fs.writeFileSync(xmlPath, result.bytes);
    this.entries.set(key, { xmlPath, flowId, hash: result.hash, mtime: Math.max(Date.now(), (entry?.mtime ?? 0) + 1), size: Buffer.byteLength(text, 'utf8') });
    this.log(`saved the script of ${path.basename(uri.path)} into ${xmlPath}`);
  }

  readDirectory(): [string, vscode.FileType][] {
    return [];
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('desktop flow scripts live inside their XML file');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('a desktop flow script cannot be deleted from here');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('a desktop flow script cannot be renamed from here');
  }

  dispose(): void {
    for (const w of this.watchers.values()) w.dispose();
    this.emitter.dispose();
  }
}
