// Whether a matrix edit may still be applied: the server computed it from one version of the settings file
// (`basedOn`); the client applies it only to that same text, never over a file changed since.
import { createHash } from 'node:crypto';
import type { MatrixEditResult } from '../../../server/src/lsp/protocol';

export interface DocumentSnapshot {
  /** The editor's document version (what the language client sends as the LSP version). */
  version: number;
  /** The editor's text (without a BOM, as VS Code holds it). */
  text: string;
}

/** The server's content hash: SHA-256, hex, of the text as an editor holds it (UTF-8, no BOM). */
export function contentHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * True when the edit was computed from the text the editor holds now: the same open-document version, or (a
 * file the server read from disk) the same content hash. Without `basedOn` nothing proves it: false.
 */
export function documentMatches(doc: DocumentSnapshot, basedOn: MatrixEditResult['basedOn']): boolean {
  if (basedOn?.version !== undefined) return basedOn.version === doc.version;
  if (basedOn?.hash !== undefined) return basedOn.hash.toLowerCase() === contentHash(doc.text);
  return false;
}
