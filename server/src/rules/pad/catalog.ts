// What the desktop-flow rules know about actions: which arguments take secrets, connection strings,
// HTTP headers, URLs, paths and hosts; which outputs produce secrets; which actions pass their input
// text on to their outputs; and how variable names read. Keyed by action id prefix and argument name,
// case-insensitive (PAD itself ignores case in ids and argument names).
// Sources: shared/reference/pad-script.md §3–4 (action KB, rpa-cli catalogue, Microsoft docs).
import { isSecretHeaderName } from '../shared/values';

/** What an argument does with the value it is given. */
export type ArgRole =
  /** The value is a secret as a whole: Password, Passphrase, EncryptionKey, APIKey… */
  | 'secret'
  /** A connection string: secret in its Password=/Pwd= part, a machine in Server=/Data Source=. */
  | 'connection'
  /** HTTP request headers, one `Name: value` per line: secret in Authorization / api-key lines. */
  | 'headers'
  /** An address of a web page or service. */
  | 'url'
  /** A local file or folder. */
  | 'path'
  /** A machine: host name, server name, IP address. */
  | 'host'
  /** Text typed into a UI field (a secret when the field is a password box). */
  | 'typedText'
  /** The `TargetDesktop` JSON of launch actions (local computer or a remote/virtual desktop). */
  | 'targetDesktop'
  /** Command-line arguments of an application, or a DOS command line (may carry paths, URLs, hosts and passwords). */
  | 'commandLine'
  /** The code of an embedded PowerShell, VBScript, Python, JavaScript or .NET script (may carry secrets and hosts). */
  | 'script'
  /** The host of a URL (`https://%Host%/status`): a machine when it is an IP address or an internal name. */
  | 'urlHost';

export interface ArgumentInfo {
  role: ArgRole;
  /** Human name of the argument for messages ("Password", "ConnectionString"). */
  name: string;
}

const lc = (s: string) => s.toLowerCase();

/** Arguments that take a secret whatever the action (KB `EncryptableObject` parameters and their kin). */
const SECRET_ARGS = new Set([
  'password', 'passwords', 'passphrase', 'privatekeypassphrase', 'privatekeytext', 'encryptionkey', 'apikey',
  'certificatefilepassword', 'certificatepassword', 'clientsecret', 'secret', 'secretkey', 'secretaccesskey',
  'newpassword', 'userpassword', 'subscriptionkey', 'accesstoken', 'bearertoken',
]);

/** Arguments that take a secret only on some actions. */
const SECRET_ARGS_BY_ACTION: Array<[string, string[]]> = [
  ['cryptography.', ['key', 'hashkey']],
  ['aws.', ['accesskey', 'secretkey', 'sessiontoken']],
];

const HOST_ARGS_BY_ACTION: Array<[string, string[]]> = [
  ['system.ping', ['hostname', 'host']],
  ['terminalemulation.', ['host', 'hostname']],
  ['email.', ['smtpserver', 'imapserver', 'pop3server', 'server', 'serveraddress']],
  ['exchange.', ['serveraddress', 'server']],
  ['ftp.', ['host', 'hostname', 'server']],
  ['sap.', ['server', 'applicationserver', 'messageserver', 'router', 'saprouter']],
  ['cyberark.', ['serveraddress', 'server']],
  ['activedirectory.', ['server', 'servername', 'ldappath', 'domaincontroller', 'serveraddress']],
  ['database.', ['server', 'servername']],
];
/** Host arguments on any action. */
const HOST_ARGS = new Set(['hostname', 'servername', 'serveraddress', 'smtpserver', 'imapserver', 'pop3server', 'machinename', 'computername', 'remotehost']);

const PATH_ARG_EXACT = new Set([
  'file', 'files', 'folder', 'folders', 'path', 'destination', 'source', 'attachments', 'saveattachmentsinto',
  'documentname', 'filesorfolderstozip', 'pathtoprivatekey', 'archive', 'csvfile', 'pdffile', 'pdffiles', 'imagefile',
  'workingdirectory', 'applicationpath', 'templatepath',
]);
const PATH_ARG_SUFFIX = /(path|paths|file|files|filename|folder|directory|dir)$/;
const NOT_PATH_ARGS = new Set([
  'includesubfolders', 'filefilter', 'folderfilter', 'fileformat', 'foldername', 'iffileexists', 'iffolderexists',
  'failonaccessdenied', 'filenamefilter', 'fileencoding', 'xmlmapname', 'profile',
]);

const URL_ARG_SUFFIX = /(url|uri|endpoint|urls)$/;

/** The code argument of the Scripting.* actions (pad-script.md §3.2: secrets embedded in script text). */
const SCRIPT_ARGS = new Set(['script', 'scripttext', 'code', 'vbscriptcode', 'pythoncode', 'javascriptcode', 'jscode', 'dotnetcode', 'dotnetcodetorun', 'powershellcode', 'powershellscript']);
/** The command line of Scripting.RunDOSCommand and System.RunDOSCommand. */
const COMMAND_ARGS = new Set(['doscommandorapplication', 'doscommand', 'command']);

/** Actions whose `Text` argument is typed into a UI field named by `Control`/`TextField`. */
const TYPED_TEXT_ACTIONS = ['uiautomation.populatetextfield', 'webautomation.populatetextfield'];

/** The role an action argument plays, if any of the rules cares about it. */
export function argumentInfo(actionId: string, argName: string): ArgumentInfo | undefined {
  const id = lc(actionId);
  const a = lc(argName).replace(/^@/, '');
  const info = (role: ArgRole): ArgumentInfo => ({ role, name: argName });
  if (SECRET_ARGS.has(a)) return info('secret');
  for (const [prefix, names] of SECRET_ARGS_BY_ACTION) if (id.startsWith(prefix) && names.includes(a)) return info('secret');
  if (id.startsWith('scripting.') && SCRIPT_ARGS.has(a)) return info('script');
  if ((id.startsWith('scripting.') || id.startsWith('system.rundoscommand.')) && COMMAND_ARGS.has(a)) return info('commandLine');
  if (a === 'connectionstring') return info('connection');
  if (a === 'customheaders' || a === 'headers' || a === 'requestheaders') return info('headers');
  if (a === 'targetdesktop') return info('targetDesktop');
  if (a === 'commandlinearguments' || a === 'arguments') return info('commandLine');
  if (a === 'text' && TYPED_TEXT_ACTIONS.some(p => id.startsWith(p))) return info('typedText');
  for (const [prefix, names] of HOST_ARGS_BY_ACTION) if (id.startsWith(prefix) && names.includes(a)) return info('host');
  if (HOST_ARGS.has(a)) return info('host');
  if (URL_ARG_SUFFIX.test(a)) return info('url');
  if (!NOT_PATH_ARGS.has(a) && (PATH_ARG_EXACT.has(a) || PATH_ARG_SUFFIX.test(a))) return info('path');
  return undefined;
}

/** The argument of a typing action that names the UI element typed into. */
export function typedTextTargetArg(actionId: string): string[] {
  return TYPED_TEXT_ACTIONS.some(p => lc(actionId).startsWith(p)) ? ['textfield', 'control', 'element'] : [];
}

/** A UI element name that denotes a password box: `Input password`, `Txt_Password`, `Edit 'PIN'`. */
export function isPasswordControlName(name: string): boolean {
  return /pass(word|wd|code|phrase)?\b|pwd|\bpin\b|secret|_pass\b|passw/i.test(name.replace(/([a-z])([A-Z])/g, '$1 $2'))
    && !/forgot|reset|remember|show|hide|confirm[-_ ]?link|change[-_ ]?password[-_ ]?link/i.test(name);
}

// ---------------------------------------------------------------------------------------------
// Secret sources

export type SourceKind =
  /** A secret value (CyberArk password, decrypted text). Not sensitive unless marked. */
  | 'secret'
  /** A Credential variable (Get credential): enforced sensitive; its `.Password` is a secret. */
  | 'credential'
  /** A Secret environment variable read in the flow: enforced sensitive. */
  | 'environmentSecret';

export interface SourceInfo {
  kind: SourceKind;
  /** For messages: "the CyberArk password", "a credential". */
  what: string;
}

/** What an action output produces, when it is a secret. `envSecretNames`: Secret environment variables of the solution. */
export function outputSource(actionId: string, outputName: string, argValues: readonly string[], envSecretNames: ReadonlySet<string>): SourceInfo | undefined {
  const id = lc(actionId);
  const out = lc(outputName);
  if (id.startsWith('cyberark.getpassword') && (out === 'password' || out === 'plaintextpassword')) return { kind: 'secret', what: 'the CyberArk password' };
  if (id.startsWith('powerautomatesecretvariables.')) return { kind: 'credential', what: 'a credential (Get credential)' };
  if (id.startsWith('cryptography.decrypttext')) return { kind: 'secret', what: 'decrypted text' };
  if (id.startsWith('powerautomateenvironment.') && !/metadata/.test(id)) {
    const named = argValues.some(v => envSecretNames.has(lc(v)));
    if (named || /secret/.test(id)) return { kind: 'environmentSecret', what: 'a Secret environment variable' };
  }
  return undefined;
}

/** Actions whose outputs carry (a transformation of) the text they are given. */
export function passesDataThrough(actionId: string): boolean {
  const id = lc(actionId);
  if (id.startsWith('text.')) return !/length|tonumber|isempty|contains|datetime|random|newline|parsetext/.test(id);
  return id.startsWith('variables.convertjsontocustomobject') || id.startsWith('variables.convertcustomobjecttojson')
    || id.startsWith('web.htmldecode') || id.startsWith('web.urldecode');
}

// ---------------------------------------------------------------------------------------------
// Names

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

/** HTTP headers whose value is a credential. */
export const SECRET_HEADER_NAMES = /^(authorization|proxy-authorization|x-api-key|api-key|apikey|x-apikey|ocp-apim-subscription-key|x-functions-key|x-auth-token|x-access-token|private-token|x-vault-token|x-ms-client-secret|client-secret|x-client-secret|cookie|x-csrf-token)$/i;

/**
 * A header of a CustomHeaders block whose value is a secret: the names of SECRET_HEADER_NAMES, and every
 * API-key, subscription-key, token or secret header (`subscription-key`, `x-subscription-key`, `<vendor>-api-key`…).
 */
export function isSecretHeader(name: string): boolean {
  return SECRET_HEADER_NAMES.test(name) || isSecretHeaderName(name);
}

/** URL query parameters that carry a secret: SAS signatures, API keys, tokens, passwords. */
export const SECRET_QUERY_PARAMS = /^(sig|signature|apikey|api_key|api-key|key|access_token|accesstoken|auth_token|token|id_token|refresh_token|client_secret|password|passwd|pwd|secret|subscription-key|subscription_key|code|x-api-key)$/i;
/** `key=` and `code=` are secrets only on hosts known to use them that way (Azure Functions, Google APIs). */
export function queryParamIsSecret(param: string, host: string): boolean {
  const p = param.toLowerCase();
  if (!SECRET_QUERY_PARAMS.test(p)) return false;
  if (p === 'code') return /\.azurewebsites\.net$|\.azure-api\.net$|\.logic\.azure\.com$/i.test(host);
  if (p === 'key') return /(^|\.)googleapis\.com$|\.azure-api\.net$|\.azurewebsites\.net$/i.test(host);
  return true;
}

/** JSON keys whose string value is a secret: `"password": "…"`, `"client_secret": "…"`. */
export const SECRET_JSON_KEYS = /^(password|passwd|pwd|passphrase|secret|client_?secret|api_?key|apikey|access_?token|refresh_?token|private_?key|subscription_?key)$/i;
