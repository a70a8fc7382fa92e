// file: URIs and paths. The server keys everything by absolute path; documents keep the URI string the
// client sent, so diagnostics are published under exactly that URI.
import * as nodePath from 'node:path';
import { pathToFileURL } from 'node:url';

/** Absolute path of a file: URI, or undefined for other schemes. */
export function uriToPath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  let p = decodeURIComponent(uri.replace(/^file:\/\/[^/]*/, ''));
  if (process.platform === 'win32') {
    if (/^\/[A-Za-z]:/.test(p)) p = p.slice(1);
    p = p.replace(/\//g, '\\');
  }
  return nodePath.resolve(p);
}

export function pathToUri(p: string): string {
  return pathToFileURL(p).href;
}
