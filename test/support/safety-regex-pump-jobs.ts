// The pump jobs: every regular-expression literal under server/src/{rules,load,findings}, and the
// functions that hold the patterns built with `new RegExp` or that combine several patterns (the value
// classifiers, the script secret finder, the glob matcher), each with the attack strings for its shape.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Attack, attacksFor, globalVersion, hasUnboundedQuantifier, listRegexLiterals, scanAll } from './safety-regex-pump';
import * as values from '../../server/src/analysis/shared/values';
import { scriptSecrets } from '../../server/src/analysis/pad/script-secrets';
import { refsOf, segmentString } from '../../server/src/analysis/cloud/segments';
import { globToRegExp } from '../../server/src/findings/config';
import type * as Scan from '../../server/src/analysis/shared/scan';
import type * as CommandSecrets from '../../server/src/analysis/shared/command-secrets';
import { isSecretName, nameWords } from '../../server/src/analysis/shared/vocabulary';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';

export interface PumpJob {
  name: string;
  run: (text: string) => unknown;
  attacks: Attack[];
  /** How many of the slowest attacks at 10k are measured at 100k (default 2). */
  escalate?: number;
}

export type PumpGroup = 'rules' | 'analysis' | 'load' | 'findings' | 'functions';

/** Repository root: this file runs from <out>/test/support/. */
export function repoRoot(): string | undefined {
  return [path.resolve(__dirname, '../../..'), path.resolve(__dirname, '../..')].find(d => fs.existsSync(path.join(d, 'server', 'src', 'rules')));
}

const a = (prefix: string, unit: string, suffix = ''): Attack => ({ prefix, unit, suffix });

/** Classic attacks on text classifiers: spaces, separators, `a=` pairs, dots, `@`, backslashes, no final match. */
const TEXT_ATTACKS: Attack[] = [
  a('C:\\', ' ', 'x'), a('C:\\', ' '), a('C:\\a', ' .', 'x'), a('\\\\srv\\', ' ', 'x'), a('\\\\', 'a\\'), a('', 'C:\\ '), a('', '\\\\a\\ '),
  a('a', ' ', 'x'), a('', ';a'), a('', 'a='), a('', '=a;'), a(';a', ' '), a('', ';a ', 'x'), a('Server=a;Password=', '"'),
  a('', 'eyJ-'), a('', 'eyJa'), a('eyJaaaaaaaaa.', 'eyJa'), a('', 'eyJaaaaaaaa.'), a('', 'xoxb-'), a('', 'ghp_'), a('', 'A'),
  a('', 'a-'), a('', 'a.'), a('', 'a:'), a('', 'a@'), a('http://', 'a:'), a('http://a', '.', 'x'), a('', 'http://a '), a('', 'a://a:a'),
  a('', '&a'), a('?', 'a'), a('', 'a', '!'), a('', '#a='), a('', '@{'), a('', "'"), a("@concat('", "a'',"), a('', 'parameters('),
  a('', '-'), a('', '--a '), a('', ' /a'), a('', '$a.'), a('', 'a.a='), a('', 'net use '), a('', 'sqlcmd '), a('sqlcmd', ' -P'),
  a('', 'a: '), a('a:', ' ', 'x'), a('', '"a":'), a('"a": "', '\\"'), a('', '%a'), a('', '{{'), a('', '__a'), a('', '0'), a('', ' '),
];

function functionJobs(): PumpJob[] {
  const job = (name: string, run: (s: string) => unknown): PumpJob => ({ name, run, attacks: TEXT_ATTACKS });
  return [
    job('values.findPaths', values.findPaths),
    job('values.findUrls', values.findUrls),
    job('values.wholeUrl', values.wholeUrl),
    job('values.parseConnectionString', values.parseConnectionString),
    job('values.findStructuredSecrets', values.findStructuredSecrets),
    job('values.environmentOfValue', values.environmentOfValue),
    job('values.environmentInPath', s => values.environmentInPath('api.bap.microsoft.com', s)),
    job('values.environmentIdInPath', values.environmentIdInPath),
    job('values.environmentMarkerOf', values.environmentMarkerOf),
    job('values.isPlaceholderSecret', values.isPlaceholderSecret),
    job('values.isPipelineToken', values.isPipelineToken),
    job('values.looksRandom', values.looksRandom),
    job('vocabulary.isSecretName', s => isSecretName(s)),
    job('values.classifyHost', values.classifyHost),
    job('values.serverHost', values.serverHost),
    job('pad.scriptSecrets', scriptSecrets),
    job('cloud.refsOf', refsOf),
    job('cloud.segmentString', segmentString),
    ...scannerJobs(job),
    job('catalog.nameWords', nameWords),
    ...endToEndJobs(),
    {
      name: 'config.globToRegExp (ignore globs)',
      run: s => globToRegExp('*a*a*a*a*a*a*a*a*a*a*a*a*b').test(s),
      attacks: [a('', 'a'), a('', 'a/'), a('', 'ab'), a('x/', 'a')],
    },
  ];
}

/**
 * The hand-written scanners that replaced super-linear patterns. Loaded at run time so that this suite
 * also runs (and fails on the patterns themselves) against a tree from before they existed.
 */
function scannerJobs(job: (name: string, run: (s: string) => unknown) => PumpJob): PumpJob[] {
  let scan: typeof Scan;
  let commands: typeof CommandSecrets;
  try {
    scan = require('../../server/src/analysis/shared/scan');
    commands = require('../../server/src/analysis/shared/command-secrets');
  } catch {
    return [];
  }
  return [
    job('scan.findJwts', scan.findJwts),
    job('scan.findUserInfo', t => scan.findUserInfo(t, "/@:'\"<>", "/@'\"<>", true)),
    job('scan.pathBodyEnd', t => scan.pathBodyEnd(t, 0)),
    job('scan.taggedBlocks', t => scan.taggedBlocks(t, 'parentdefinitionid')),
    job('pad.commandLinePasswords', commands.commandLinePasswords),
  ];
}

/** Quoting that keeps an attack inside one desktop-flow string literal. */
const padText = (t: string) => t.replace(/'/g, '"').replace(/%/g, '#');

/** A whole lint (every rule) of a desktop-flow script whose values and command line hold the attack. */
function endToEndJobs(): PumpJob[] {
  const attacks = [a('C:\\', ' ', 'x'), a('a', ' ', 'x'), a('', 'eyJ-'), a('', 'a-'), a('', 'net use ')];
  const lint = (files: Record<string, string>) => {
    const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, v]) => [`/pump/${p}`, v])));
    return analyze(['/pump'], { vfs }).findings.length;
  };
  return [
    {
      name: 'lint: a desktop-flow script',
      attacks,
      escalate: 1,
      run: t => lint({ 'test.robin': `SET Value TO $'''${padText(t)}'''\nSystem.RunDOSCommand.RunDOSCommand DOSCommandOrApplication: $'''${padText(t)}''' StandardOutput=> Out StandardError=> Err ExitCode=> Code\n` }),
    },
  ];
}

export function jobsOf(group: PumpGroup): PumpJob[] {
  if (group === 'functions') return functionJobs();
  const root = repoRoot();
  if (!root) return [];
  const seen = new Set<string>();
  // The same pattern in several places is pumped once; patterns without an unbounded quantifier are linear.
  const literals = listRegexLiterals(path.join(root, 'server', 'src', group)).filter(r => {
    const key = `/${r.source}/${r.flags.replace(/[gdy]/g, '')}`;
    if (seen.has(key) || !hasUnboundedQuantifier(r.source)) return false;
    seen.add(key);
    return true;
  });
  return literals.map(r => {
    const re = globalVersion(r.source, r.flags);
    return { name: `${group}/${r.file}:${r.line} /${r.source}/${r.flags}`, run: (s: string) => scanAll(re, s), attacks: attacksFor(r.source, r.flags) };
  });
}
