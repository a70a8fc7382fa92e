// Literal secrets in the text of an embedded script (PowerShell, Python, VBScript, JavaScript) or a
// command line (pad-script.md §3.2), found by what surrounds them: assignments, switches, UI scripting,
// Basic credentials, net use / sqlcmd, user name and password pairs.
import type { ActionStmt } from '../../model/pad-ast';
import { isPasswordControlName } from './catalog';
import { secretNameStrength } from '../shared/vocabulary';
import { commandLinePasswords } from '../shared/command-secrets';

/** Names a script gives to the code that encodes `user:password` as a Basic credential. */
const BASE64_CALL = /(?:b64encode|ToBase64String|btoa|Base64Encode|EncodeBase64|base64_encode|Base64\.encode|encodebytes)\b/i;

/**
 * Literal secrets in the text of an embedded script or a command line, as [start, end) of the secret
 * and what it is: `$password = '…'`, `api_key="…"`, `-Password '…'`, `--password=…`, `/pwd:…`,
 * `findById("wnd[0]/usr/pwdRSYST-BCODE").Text = "…"` (a password field set by UI scripting),
 * `b64encode(b"user:…")` (a Basic credential), `Authorization: Basic …`, `net use \\srv\share … /user:`,
 * `sqlcmd … -P …`, `NetworkCredential("user", "…")`. References (`$var`, `%Var%`) are left to the caller to skip.
 */
export function scriptSecrets(text: string, applicationPath?: string): Array<{ start: number; end: number; what: string }> {
  const out: Array<{ start: number; end: number; what: string }> = [];
  const push = (m: RegExpMatchArray, group: number, what: string) => {
    const at = m.indices?.[group];
    if (at && at[1] > at[0]) out.push({ start: at[0], end: at[1], what });
  };
  // Assignments to a variable, property or keyword argument named like a secret.
  for (const m of text.matchAll(/(?<=^|[\s;(,{])\$?(?:env:)?(?:[A-Za-z_][\w]*\.)*([A-Za-z_][\w]*)\s*(?::=|(?<![=!<>])=(?!=))\s*[bruBRU]?(["'])((?:(?!\2)[^\r\n])+)\2/dgm)) {
    if (secretNameStrength(m[1]) === 'strong') push(m, 3, `the value assigned to ${m[1]}`);
  }
  // Switches named like a secret: -Password 'x', --password=x, /pwd:x.
  for (const m of text.matchAll(/(?<=^|[\s(,;])(?:--?|\/)([A-Za-z][\w-]*)(?:[:=]|[ \t]+)(?:(["'])((?:(?!\2)[^\r\n])+)\2|([^\s"';,)\/-][^\s"';,)]*))/dgm)) {
    if (secretNameStrength(m[1]) !== 'strong') continue;
    push(m, m[3] !== undefined ? 3 : 4, `the ${m[1]} switch`);
  }
  // UI scripting that types into a password field: Session.findById("…/pwdRSYST-BCODE").Text = "…".
  for (const m of text.matchAll(/\(\s*(["'])([^"'\r\n]+)\1\s*\)\s*\.\s*(?:text|value|innertext)\s*=\s*(["'])((?:(?!\3)[^\r\n])+)\3/dgi)) {
    if (isPasswordControlName(m[2])) push(m, 4, 'the text typed into a password field');
  }
  // user:password encoded as a Basic credential.
  for (const line of text.matchAll(/[^\r\n]+/dg)) {
    const call = BASE64_CALL.exec(line[0]);
    if (!call) continue;
    const rest = line[0].slice(call.index);
    const m = /[bB]?(["'])([^"'\s:]{1,64}):([^"'\s]{1,128})\1/d.exec(rest);
    const at = m?.indices?.[3];
    if (!m || !at) continue;
    // Not a URL (`https://…`, `urn:…`) or a time (`12:30`).
    if (/^(https?|ftps?|sftp|file|mailto|urn|tcp|ldaps?)$/i.test(m[2]) || m[3].startsWith('//') || /^\d+$/.test(m[3])) continue;
    const base = line.index! + call.index;
    out.push({ start: base + at[0], end: base + at[1], what: 'the password of a Basic credential' });
  }
  // Authorization: Basic … / Bearer … written in the script.
  for (const m of text.matchAll(/Authorization["']?\s*[:,=]\s*["']?(?:Basic|Bearer)\s+([A-Za-z0-9+/=._~-]{12,})/dgi)) push(m, 1, 'the Authorization header');
  // net use \\srv\share <password> /user:…, net use … /user:… <password>, sqlcmd / bcp / osql -P password.
  out.push(...commandLinePasswords(text, applicationPath));
  // The password of a user/password pair: NetworkCredential("u", "p"), HTTPBasicAuth("u", "p"), auth=("u", "p"), smtp.login("u", "p").
  for (const m of text.matchAll(/(?:NetworkCredential|HTTPBasicAuth|HTTPDigestAuth|\.login|\bauth\s*=)\s*\(\s*[bru]?(["'])[^"'\r\n]*\1\s*,\s*[bru]?(["'])((?:(?!\2)[^\r\n])+)\2/dgi)) push(m, 3, 'the password of a user name and password pair');
  return out;
}

/** The literal ApplicationPath of a Run application action, if any. */
export function applicationPathOf(stmt: ActionStmt): string | undefined {
  const value = stmt.args.find(a => a.name.toLowerCase() === 'applicationpath')?.value;
  return value?.kind === 'string' ? value.value : undefined;
}
