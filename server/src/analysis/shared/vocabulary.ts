// The one vocabulary both rule families read: which names (variables, inputs, parameters, fields,
// headers, query parameters, JSON keys) say that their value is a secret. Values' shapes (hosts, URLs,
// paths, connection strings) live in values.ts.
import { boundedMemo } from '../../util/memo';
import { CONNECTION_SECRET_KEYS, connectionKeyIs, looksRandom } from './values';

// ---------------------------------------------------------------------------------------------
// Variable names (naming conventions of desktop flows)

/** Splits `In_strAppPassword`, `DB_PWD`, `apiKey2` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    // The last capital of a run before a lower-case letter starts a word (`APIKey` → `API Key`); a
    // lookahead, so a long run of capitals is not re-read from each of them.
    .replace(/([A-Z])(?=[A-Z][a-z])/g, '$1 ')
    .toLowerCase()
    .split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])/)
    .filter(Boolean);
}

const STRONG_SECRET_WORDS = new Set(['password', 'passwords', 'passwd', 'pwd', 'pword', 'passphrase', 'secret', 'secrets', 'apikey', 'privatekey', 'clientsecret', 'passcode']);
/** Words that make `key`/`token` a secret: `ApiKey`, `AccessToken`, `SasToken`… */
const KEY_QUALIFIERS = new Set(['api', 'access', 'secret', 'private', 'encryption', 'subscription', 'account', 'shared', 'master', 'client', 'signing', 'storage', 'function', 'app', 'license', 'sas', 'auth']);
const TOKEN_QUALIFIERS = new Set(['access', 'auth', 'bearer', 'refresh', 'id', 'sas', 'api', 'session', 'security', 'oauth', 'jwt', 'personal', 'pat', 'github', 'git', 'slack', 'bot']);
/** Words after the secret word that make the name about something else: PasswordLength, TokenUrl, SecretName. */
const QUALIFIER_AFTER = new Set([
  'length', 'len', 'size', 'field', 'box', 'textbox', 'control', 'element', 'selector', 'xpath', 'css', 'button', 'btn',
  'label', 'lbl', 'prompt', 'hint', 'policy', 'policies', 'expiry', 'expires', 'expiration', 'expired', 'age', 'changed',
  'reset', 'rule', 'rules', 'regex', 'pattern', 'format', 'count', 'min', 'max', 'required', 'valid', 'validity', 'status',
  'type', 'mode', 'message', 'msg', 'title', 'caption', 'column', 'col', 'header', 'row', 'index', 'attempts', 'retries',
  'timeout', 'days', 'date', 'time', 'locked', 'path', 'file', 'folder', 'dir', 'name', 'names', 'id', 'ids', 'url', 'uri',
  'endpoint', 'host', 'server', 'version', 'permissions', 'store', 'vault', 'provider', 'scope', 'lifetime', 'ttl',
  'error', 'strength', 'complexity', 'check', 'exists', 'needed', 'manager', 'enabled', 'visible', 'chars', 'characters',
  'digits', 'sent', 'link',
]);
const NEGATING_PREFIX = new Set(['is', 'has', 'show', 'use', 'require', 'requires', 'enable', 'enabled', 'mask', 'hide', 'should', 'can', 'no', 'without', 'with', 'forgot']);

export type SecretNameStrength = 'strong' | 'weak';

const WEAK_SECRET_WORDS = new Set(['token', 'tokens', 'pin', 'credential', 'credentials', 'cred', 'creds', 'otp']);
/** Prefixes of naming conventions that say nothing about the content: Input_, str, txt, loc… */
const CONVENTION_WORDS = new Set(['input', 'output', 'in', 'out', 'str', 'txt', 'var', 'loc', 'my', 'the', 'obj', 'val', 'value', 'new', 'current']);
const meaningful = (words: string[]) => words.filter(w => !CONVENTION_WORDS.has(w));

/**
 * Whether a variable, input or property name denotes a secret. `strong`: Password, DbPwd, ApiKey,
 * ClientSecret, AccessToken; `weak`: Token, Key, Pin, Credential(s) (a secret when also marked sensitive).
 * Names about a secret rather than holding one are excluded: PasswordLength, PasswordField, TokenUrl,
 * SecretName, KeyVaultUrl, IsPasswordValid.
 */
export function secretNameStrength(name: string): SecretNameStrength | undefined {
  // Most names hold no secret word at all (Files32, Input_PortalUrl): one scan of the name answers
  // them without a cache entry, so the cache keeps only the few names worth remembering.
  if (!MAY_NAME_SECRET.test(name)) return undefined;
  return STRENGTH_CODE[strengthCode(name)];
}

/**
 * A necessary condition for a secret name: every word that makes one (password, pwd, pword, secret,
 * key, token, pin, cred…, otp, sig) holds one of these, case aside. A non-ASCII character takes the full
 * path, as its lower case may be ASCII (the Kelvin sign is a `k`).
 */
const MAY_NAME_SECRET = /pass|pwd|pword|secret|key|token|pin|cred|otp|sig|[^\0-\x7f]/i;
/** Likewise for a user name: its last word holds user, usr, uid, login, logon or account. */
const MAY_NAME_USER = /user|usr|uid|log[io]n|account|[^\0-\x7f]/i;

// Names repeat across a tree's flows (the same variables, arguments and fields): each is split into
// words once. Strengths are kept as numbers, since a memo's undefined means "not known yet".
const STRENGTH_CODE: readonly (SecretNameStrength | undefined)[] = [undefined, 'weak', 'strong'];
const strengthCode = boundedMemo(name => STRENGTH_CODE.indexOf(computeSecretNameStrength(name)));
const userName = boundedMemo(name => computeIsUserName(name));

function computeSecretNameStrength(name: string): SecretNameStrength | undefined {
  const words = nameWords(name);
  if (!words.length || NEGATING_PREFIX.has(words[0]) && words.length > 1) return undefined;
  let found: SecretNameStrength | undefined;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    const prev = words[i - 1];
    let strength: SecretNameStrength | undefined;
    if (STRONG_SECRET_WORDS.has(w)) strength = 'strong';
    else if ((w === 'key' || w === 'keys') && prev && KEY_QUALIFIERS.has(prev)) strength = 'strong';
    else if ((w === 'token' || w === 'tokens') && prev && TOKEN_QUALIFIERS.has(prev)) strength = 'strong';
    else if (WEAK_SECRET_WORDS.has(w)) strength = 'weak';
    // `Key` and `Sig` alone (Input_Key, strSig) read as secrets; WorkItemKey, SortKey, EmailSig do not.
    else if ((w === 'key' || w === 'sig') && meaningful(words).length === 1) strength = 'weak';
    if (!strength) continue;
    // Whatever comes after the secret word decides what the name is about.
    const rest = words.slice(i + 1);
    if (rest.some(r => QUALIFIER_AFTER.has(r))) return undefined;
    // `Pass` alone is too common (PassCount, PassedTests); only its spelled-out forms count.
    if (!found || strength === 'strong') found = strength;
  }
  return found;
}

/** Last words that name a user name: `Username`, `ErpUser`, `UserId`, `Usr`. */
const USER_NAME_WORDS = new Set(['user', 'username', 'userid', 'uid', 'usr', 'loginname', 'logonname', 'loginid', 'logonid']);
/** Two-word forms: `User name`, `Login id`, `Account name`. */
const USER_NAME_PAIRS = /^(user|login|logon|account) (name|id)$/;

/**
 * Whether a variable, input or property name says it holds a user name: `Username`, `In_strAppUserName`,
 * `ErpUser`, `Cred.Username`, `LoginId`, `Account['User']`. A bare `Login` stays unknown (it names the
 * sign-in as often as the user), and a secret-named one (`UserPassword`) is a secret.
 */
export function isUserName(name: string): boolean {
  if (!MAY_NAME_USER.test(name)) return false;
  return userName(name);
}

function computeIsUserName(name: string): boolean {
  if (secretNameStrength(name)) return false;
  const words = meaningful(nameWords(name)).filter(w => w !== 'app');
  const last = words[words.length - 1];
  return last !== undefined && (USER_NAME_WORDS.has(last) || USER_NAME_PAIRS.test(words.slice(-2).join(' ')));
}

// ---------------------------------------------------------------------------------------------
// Parameter, field and environment-variable names

/** Name parts that make a parameter, header, field or variable a secret (matched on the name without separators, lower case). */
const SECRET_NAME_WORDS = /(password|passwd|passphrase|pwd|secret|apikey|accesskey|accountkey|sharedaccesskey|subscriptionkey|privatekey|signingkey|encryptionkey|masterkey|credential|token)/;
/**
 * Names that mention a secret but hold something else: its name, address, type, policy, expiry…, or a
 * document about secrets (`ExpiringCredentialsHtml`, `TokenReportTable`, `SecretRotationEmailBody`).
 */
const SECRET_NAME_NOT = /(name|names|id|ids|url|uri|urls|uris|endpoint|type|kind|expiry|expiration|expires|expireson|expiresin|expirydate|reset|required|policy|length|hint|changed|date|time|datetime|version|permission|permissions|store|vault|location|path|reference|ref|field|label|prompt|mode|count|enabled|flag|rotation|provider|scope|scopes|audience|issuer|format|header|prefix|suffix|question|strength|lastset|age|file|lifetime|duration|ttl|method|algorithm|validity|source|column|property|attribute|html|table|rows|body|message|template|report|summary|subject|email|mail|notification)$/;
const SECRET_NAME_NOT_PREFIX = /^(is|has|use|uses|enable|enabled|require|requires|show|hide|generate|no|forgot|reset|change|new)(?=password|passwd|pwd|secret|token|credential)/;
const NOT_SECRET_TOKENS = /(continuation|page|skip|next|sync|delta|cancellation|change|csrf|xsrf|antiforgery|verification|resume)token/;

/**
 * Whether a name (parameter, header, body field, variable, environment variable) says it holds a secret:
 * `password`, `client_secret`, `x-api-key`, `AccessToken`, `cr123_ApiKey`… but not `SecretName`,
 * `KeyVaultUrl`, `TokenEndpoint`, `PasswordExpiry`, `nextPageToken`. Matched without separators,
 * case-insensitively; `extra` adds names (exact, case-insensitive, separators ignored).
 */
export function isSecretName(name: string, extra: readonly string[] = []): boolean {
  // Asked for every field name of every flow: the answer without extra names is kept per name.
  if (extra.length === 0) {
    if (!MAY_NAME_SECRET_FIELD.test(name)) return false;
    return secretName(name);
  }
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!n) return false;
  if (extra.some(e => e.toLowerCase().replace(/[^a-z0-9]/g, '') === n)) return true;
  return computeIsSecretName(name);
}

const secretName = boundedMemo(name => computeIsSecretName(name));
/**
 * A necessary condition for isSecretName: each secret word holds one of these, spelt across any
 * separators (`k_e-y` is read as `key`), case aside. A non-ASCII character takes the full path, as
 * its lower case may be ASCII (the Kelvin sign is a `k`).
 */
const MAY_NAME_SECRET_FIELD = new RegExp(
  ['pass', 'pwd', 'secret', 'key', 'credential', 'token'].map(word => word.split('').join('[^a-z0-9]*')).join('|') + '|[^\\0-\\x7f]',
  'i',
);

function computeIsSecretName(name: string): boolean {
  const n = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  if (!n) return false;
  if (!SECRET_NAME_WORDS.test(n)) return false;
  if (SECRET_NAME_NOT.test(n) || SECRET_NAME_NOT_PREFIX.test(n) || NOT_SECRET_TOKENS.test(n)) return false;
  return true;
}

/** Parameter names that carry a credential although isSecretName does not know them as words. */
const SECRET_PARAMS = new Set(['sig', 'signature', 'code', 'key', 'sas', 'auth', 'pass', 'pw', 'apikey', 'api_key', 'api-key', 'clientsecret', 'client_secret', 'access_token', 'id_token', 'refresh_token']);

/** Whether a parameter or field name (connection-string key, query parameter, JSON field) holds a secret. */
export function isSecretParameter(name: string): boolean {
  const n = name.trim().toLowerCase();
  return SECRET_PARAMS.has(n) || connectionKeyIs(n, CONNECTION_SECRET_KEYS) || isSecretName(n);
}

// ---------------------------------------------------------------------------------------------
// HTTP headers, query parameters, JSON keys

/**
 * Credential headers known by name, compared without case or separators (`X-API-Key`, `x_api_key` and
 * `xapikey` are one name). `Cookie` carries a session; `X-CSRF-Token` is not here: it is an anti-forgery
 * value (SAP's `Fetch`), not a credential.
 */
const SECRET_HEADERS = new Set([
  'authorization', 'proxyauthorization', 'cookie', 'subscriptionkey', 'ocpapimsubscriptionkey', 'xapikey', 'apikey',
  'xfunctionskey', 'xauthtoken', 'xaccesstoken', 'privatetoken', 'xsubscriptionkey', 'xapitoken', 'apitoken', 'accesstoken',
  'xvaulttoken', 'xmsclientsecret', 'clientsecret', 'xclientsecret', 'xsecret', 'xauthkey', 'authkey',
]);
/** Credential headers known by their last word, after `-`, `_` or nothing. */
const SECRET_HEADER_SUFFIX = /(^|[-_])(api[-_]?key|subscription[-_]?key|access[-_]?token|auth[-_]?token|secret)$/i;

/**
 * Whether an HTTP header's value is a credential, in either family: `Authorization`, `Cookie`, and
 * API-key and token headers known by name (`Ocp-Apim-Subscription-Key`, `x-functions-key`, `PRIVATE-TOKEN`…)
 * or by their last word (`<vendor>-api-key`, `x_subscription_key`, `X-Auth-Token`, `X-Client-Secret`).
 */
export function isSecretHeader(name: string): boolean {
  const n = name.trim().toLowerCase();
  return SECRET_HEADERS.has(n.replace(/[^a-z0-9]/g, '')) || SECRET_HEADER_SUFFIX.test(n);
}

/** Query parameters whose value is a credential whatever it looks like. */
const STRONG_QUERY = new Set([
  'sig', 'signature', 'apikey', 'api_key', 'api-key', 'x-api-key', 'access_token', 'accesstoken', 'auth_token', 'id_token',
  'refresh_token', 'client_secret', 'password', 'passwd', 'pwd', 'secret', 'subscription-key', 'subscription_key', 'private_token',
]);
/** Query parameters that are credentials only when their value looks random (`code`, `key`, `token`…). */
const WEAK_QUERY = new Set(['code', 'key', 'token', 'auth', 'sas', 'access_key', 'accesskey', 'k']);
/** Hosts known to take `key=` / `code=` as their API key or function key. */
const KEY_HOSTS = /(^|\.)googleapis\.com$|\.azure-api\.net$|\.azurewebsites\.net$|\.logic\.azure\.com$/i;

/**
 * How surely a URL query parameter holds a secret, in either family: `strong` (a SAS signature, an API
 * key, a token, a password), `weak` (a secret only if the value looks random), or undefined.
 */
export function querySecrecy(param: string, host: string): 'strong' | 'weak' | undefined {
  const p = param.toLowerCase();
  if (STRONG_QUERY.has(p)) return 'strong';
  if (!WEAK_QUERY.has(p)) return undefined;
  return (p === 'key' || p === 'code') && KEY_HOSTS.test(host) ? 'strong' : 'weak';
}

/** Whether a query parameter's value is a secret: strong names always, weak ones when the value looks random. */
export function isSecretQueryValue(param: string, host: string, value: string): boolean {
  const secrecy = querySecrecy(param, host);
  return secrecy === 'strong' || (secrecy === 'weak' && looksRandom(value));
}

/** JSON keys whose string value is a secret: `"password": "…"`, `"client_secret": "…"`. */
export const SECRET_JSON_KEYS = /^(password|passwd|pwd|passphrase|secret|client_?secret|api_?key|apikey|access_?token|refresh_?token|private_?key|subscription_?key)$/i;

/**
 * The classifications without their shortcuts and caches, word by word: what the fast answers above
 * must always equal (test/unit/vocabulary-shortcuts.test.ts compares them).
 */
export const classifiedByWords = {
  secretNameStrength: computeSecretNameStrength,
  isUserName: computeIsUserName,
  isSecretName: computeIsSecretName,
} as const;
