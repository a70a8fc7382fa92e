// API keys written into a URL's path (`https://v6.exchangerate-api.com/v6/<32 hex chars>/latest`): the same
// secret as `?apikey=…`, in a place no parameter name points at. Found by shape, never by the host.
import { findStructuredSecrets, GUID_RE, looksRandom, normalizeHost } from './values';

/** Code hosts whose paths carry commit and content hashes (40 or 64 hex characters), not keys. */
const CODE_HOSTS = /(^|\.)(github\.com|githubusercontent\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com|visualstudio\.com)$/;
const HEX = /^[0-9a-fA-F]+$/;
/**
 * Path segments after which an id follows, not a key: a Logic Apps / Power Automate trigger URL names its
 * workflow by a 32-hex id (`/workflows/<id>/triggers/…`, its secret is the `sig` query parameter).
 */
const ID_COLLECTIONS = new Set(['workflows', 'flows', 'runs', 'items', 'files', 'documents', 'records', 'commits', 'blobs', 'builds', 'releases']);
const TOKEN = /^[A-Za-z0-9_-]+$/;
/** An id built on a GUID (`Default-<tenant guid>`, an environment's name): not a key. */
const GUID_INSIDE = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/;

/**
 * Spans (offsets into `url`) of path segments that are key-shaped: 32 or more hex characters (not a
 * commit or content hash on a code host), a random-looking mixed-case token of 24 or more characters,
 * or a token with a known key prefix. GUIDs are ids, not keys.
 */
export function keyShapedPathSegments(url: string): Array<{ start: number; end: number }> {
  const scheme = url.indexOf('://');
  if (scheme < 0) return [];
  const pathStart = url.indexOf('/', scheme + 3);
  if (pathStart < 0) return [];
  const hostPart = url.slice(scheme + 3, pathStart).replace(/^[^@]*@/, '').replace(/:\d+$/, '');
  const codeHost = CODE_HOSTS.test(normalizeHost(hostPart));
  const end = url.slice(pathStart).search(/[?#\s]/);
  const path = end < 0 ? url.slice(pathStart) : url.slice(pathStart, pathStart + end);
  const out: Array<{ start: number; end: number }> = [];
  let offset = pathStart;
  let previous = '';
  for (const segment of path.split('/')) {
    if (segment && !ID_COLLECTIONS.has(previous.toLowerCase()) && isKeyShaped(segment, codeHost)) out.push({ start: offset, end: offset + segment.length });
    offset += segment.length + 1;
    if (segment) previous = segment;
  }
  return out;
}

function isKeyShaped(segment: string, codeHost: boolean): boolean {
  if (GUID_RE.test(segment) || GUID_INSIDE.test(segment) || !TOKEN.test(segment)) return false;
  if (HEX.test(segment)) return segment.length >= 32 && !(codeHost && (segment.length === 40 || segment.length === 64));
  if (findStructuredSecrets(segment).length) return true;
  return segment.length >= 24 && /[a-z]/.test(segment) && /[A-Z]/.test(segment) && looksRandom(segment);
}
