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

/** URIs by path: a publication names every file of every finding, and pathToFileURL is costly. */
const uriCache = new Map<string, string>();
const URI_CACHE_MAX = 20_000;

export function pathToUri(p: string): string {
  let uri = uriCache.get(p);
  if (uri === undefined) {
    if (uriCache.size >= URI_CACHE_MAX) uriCache.clear();
    uri = pathToFileURL(p).href;
    uriCache.set(p, uri);
  }
  return uri;
}
