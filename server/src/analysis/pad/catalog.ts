// What the desktop-flow rules know about actions: which arguments take secrets, connection strings,
// HTTP headers, URLs, paths and hosts; which outputs produce secrets; which actions pass their input
// text on to their outputs; and how variable names read. Keyed by action id prefix and argument name,
// case-insensitive (PAD itself ignores case in ids and argument names).
// Sources: shared/reference/pad-script.md §3–4 (action KB, rpa-cli catalogue, Microsoft docs).
import type { ActionStmt } from '../../model/pad-ast';

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
  /** Text typed into a UI or terminal field (a secret when the field is a password box; collect.ts decides). */
  | 'typedText'
  /** A user name: the account beside a password (`Username` of a sign-in action, text typed into a user-name field). */
  | 'user'
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

/** Arguments that take the user name of a sign-in (Email, Exchange, FTP, SAP, web authentication). */
const USER_ARGS = new Set(['username', 'user', 'userid', 'login', 'loginname', 'logonname', 'useraccount']);

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

/**
 * Actions whose `Text` argument is typed into a field: a UI element (`TextField` / `Control`), or a
 * terminal field (`TerminalEmulation.SetTextOnTerminalSession.SetTextOnFieldWithLabel Session: … Text: …
 * FieldLabel: …`; its `Text` is an EncryptableObject [KB PAD_Robin_ActionKB v3.3]). The prefix
 * `terminalemulation.settext` also covers the older `TerminalEmulation.SetText`.
 */
const TYPED_TEXT_ACTIONS = ['uiautomation.populatetextfield', 'webautomation.populatetextfield', 'terminalemulation.settext'];

/** The role an action argument plays, if any of the rules cares about it. */
export function argumentInfo(actionId: string, argName: string): ArgumentInfo | undefined {
  // Asked for every argument by several facts; scripts repeat a few hundred action and argument names.
  let byArg = argumentInfoCache.get(actionId);
  if (!byArg) {
    if (argumentInfoCache.size >= ARGUMENT_INFO_CACHE_LIMIT) argumentInfoCache.clear();
    argumentInfoCache.set(actionId, (byArg = new Map()));
  }
  if (byArg.has(argName)) return byArg.get(argName);
  const info = computeArgumentInfo(actionId, argName);
  byArg.set(argName, info);
  return info;
}

const argumentInfoCache = new Map<string, Map<string, ArgumentInfo | undefined>>();
/** Distinct action ids kept (hostile scripts can invent any number of them). */
const ARGUMENT_INFO_CACHE_LIMIT = 10_000;

function computeArgumentInfo(actionId: string, argName: string): ArgumentInfo | undefined {
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
  if (USER_ARGS.has(a)) return info('user');
  for (const [prefix, names] of HOST_ARGS_BY_ACTION) if (id.startsWith(prefix) && names.includes(a)) return info('host');
  if (HOST_ARGS.has(a)) return info('host');
  if (URL_ARG_SUFFIX.test(a)) return info('url');
  if (!NOT_PATH_ARGS.has(a) && (PATH_ARG_EXACT.has(a) || PATH_ARG_SUFFIX.test(a))) return info('path');
  return undefined;
}

/**
 * A per-action-id answer, remembered: asked for every action of every script, of a few hundred distinct
 * ids. Bounded, since a hostile script can invent any number of ids.
 */
function byActionId<T>(compute: (actionId: string) => T): (actionId: string) => T {
  const memo = new Map<string, T>();
  return actionId => {
    let v = memo.get(actionId);
    if (v === undefined && !memo.has(actionId)) {
      if (memo.size >= ARGUMENT_INFO_CACHE_LIMIT) memo.clear();
      memo.set(actionId, (v = compute(actionId)));
    }
    return v as T;
  };
}

/** The arguments of a typing action that name the field typed into: the UI element, or the terminal field's label. */
export const typedTextTargetArg: (actionId: string) => readonly string[] = byActionId(computeTypedTextTargetArg);

function computeTypedTextTargetArg(actionId: string): readonly string[] {
  const id = lc(actionId);
  if (id.startsWith('terminalemulation.')) return TYPED_TEXT_ACTIONS.some(p => id.startsWith(p)) ? ['fieldlabel', 'label'] : [];
  return TYPED_TEXT_ACTIONS.some(p => id.startsWith(p)) ? ['textfield', 'control', 'element'] : [];
}

/** The argument of a typing action that says which window, page or session the field is on. */
export function typedTextSessionArg(actionId: string): string[] {
  const id = lc(actionId);
  if (id.startsWith('terminalemulation.')) return ['session', 'terminalsession'];
  return id.startsWith('webautomation.') ? ['browserinstance'] : [];
}

/**
 * What a field is for, read from its recorded name, selector or label. `explicit`: the element's own type
 * says so (a web recorder names an `<input type="password">` `Input password …`, a selector may say
 * `input[type="password"]`; `Input text …` / `Input email …` are not password boxes whatever their label); otherwise the label or selector words
 * decide (`Edit 'Password:'`, `#txtUser`, a terminal field labelled `PASSWORD`), which are the recorder's
 * guess from the text beside the field and give way to a value that is known to be a user name.
 */
export function fieldRole(name: string): { role: 'secret' | 'user'; explicit: boolean } | undefined {
  // The recorder's element type (`Input password 'pwd'`), or the type in a CSS selector (`input[type="password"]`).
  const typed = /^\s*input\s+(password|text|email|tel|number|search|url)\b/i.exec(name) ?? /\btype\s*=\s*["']?(password|text|email|tel|number|search|url)\b/i.exec(name);
  if (typed) {
    if (typed[1].toLowerCase() === 'password') return { role: 'secret', explicit: true };
    return isUserFieldName(name) ? { role: 'user', explicit: false } : undefined;
  }
  if (isPasswordControlName(name)) return { role: 'secret', explicit: false };
  return isUserFieldName(name) ? { role: 'user', explicit: false } : undefined;
}

/** A field label or selector that names a user-name box: `Edit 'User name'`, `#txtLogin`, `E-mail address`, `USERID`. */
function isUserFieldName(name: string): boolean {
  return /user|\blog[io]n(?:\s*(?:id|name))?\b|e-?mail|account\s*(?:name|id)|\buid\b/i.test(name.replace(/([a-z])([A-Z])/g, '$1 $2'))
    && !/forgot|remember|switch|sign\s*up|register/i.test(name);
}

/** A UI element name that denotes a password box: `Input password`, `Txt_Password`, `Edit 'PIN'`. */
export function isPasswordControlName(name: string): boolean {
  return /pass(word|wd|code|phrase)?\b|pwd|\bpin\b|secret|_pass\b|passw/i.test(name.replace(/([a-z])([A-Z])/g, '$1 $2'))
    && !/forgot|reset|remember|show|hide|confirm[-_ ]?link|change[-_ ]?password[-_ ]?link/i.test(name);
}

/** Modules whose text arguments (message, title, subject, body) are read by people. */
const MESSAGE_MODULES = new Set(['logging', 'display', 'email', 'outlook', 'exchange']);
const MESSAGE_ARGS = new Set(['message', 'title', 'subject', 'body', 'messagebody']);

/** An action of a module whose text arguments are read by people (logging, dialogs, e-mail). */
export function isMessageModule(stmt: ActionStmt): boolean {
  return MESSAGE_MODULES.has(stmt.module.toLowerCase());
}

/** An argument that is a text for people in such a module's actions. */
export function isMessageArgumentName(argName: string): boolean {
  return MESSAGE_ARGS.has(argName.toLowerCase());
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
export const passesDataThrough: (actionId: string) => boolean = byActionId(computePassesDataThrough);

function computePassesDataThrough(actionId: string): boolean {
  const id = lc(actionId);
  if (id.startsWith('text.')) return !/length|tonumber|isempty|contains|datetime|random|newline|parsetext/.test(id);
  return id.startsWith('variables.convertjsontocustomobject') || id.startsWith('variables.convertcustomobjecttojson')
    || id.startsWith('web.htmldecode') || id.startsWith('web.urldecode');
}

// ---------------------------------------------------------------------------------------------
// Names


