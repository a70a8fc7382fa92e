// Fuzz targets over whole trees: zip reading (load/tree.ts ZipTree, readSource) and the analyze()
// pipeline on mutated copies of a real-shaped solution in every layout.
import AdmZip from 'adm-zip';
import fc from 'fast-check';
import { analyze } from '../../../server/src/findings/analyze';
import { readSource, ZipTree } from '../../../server/src/load/tree';
import { MemoryVfs } from '../../../server/src/load/vfs';
import { RULES } from '../../../server/src/rules/registry';
import { formatJson } from '../../../server/src/report/json';
import { formatSarif } from '../../../server/src/report/sarif';
import { formatText } from '../../../server/src/report/text';
import type { FixtureLayout } from '../fixture';
import { applyMutations, mutationArbitrary, showMutations, type Files, type Mutation } from './mutate';
import { solutionFiles, solutionZip } from './solution';
import { checkFinding, checkWorkspace, violation } from './spans';
import type { FuzzTarget } from './target';

const ROOT = '/fuzz';

export interface ZipInput {
  /** Extra entries with hostile names, added before packing. */
  entries: Array<{ name: string; data: string }>;
  /** Byte mutations of the packed archive. */
  mutations: Mutation[];
}

const ENTRY_NAMES = ['../evil.xml', '..\\evil.xml', '/abs/solution.xml', 'a/../../b.xml', 'Workflows', 'workflows/', 'WORKFLOWS/x.json', 'solution.xml/inner', 'C:\\x.xml', 'a//b.xml', '\u0000.xml', 'é/ü.json', 'customizations.xml'];

export function zipBytes(input: ZipInput): Uint8Array {
  let bytes: Uint8Array = solutionZip();
  if (input.entries.length) {
    const zip = new AdmZip(Buffer.from(bytes));
    for (const e of input.entries) {
      try { zip.addFile(e.name, Buffer.from(e.data, 'utf8')); } catch { /* AdmZip refuses some names itself */ }
    }
    bytes = zip.toBuffer();
  }
  const mutated = applyMutations({ 'solution.zip': bytes }, input.mutations)['solution.zip'];
  return typeof mutated === 'string' ? Buffer.from(mutated, 'latin1') : mutated ?? new Uint8Array();
}

export const zipTarget: FuzzTarget<ZipInput> = {
  name: 'zip',
  subject: 'server/src/load/tree.ts ZipTree.open/list/resolve/readFile, readSource (+ vfs.ts decodeText)',
  arbitrary: fc.record({
    entries: fc.array(fc.record({ name: fc.oneof(fc.constantFrom(...ENTRY_NAMES), fc.string({ maxLength: 12 })), data: fc.constantFrom('<a/>', '{}', '', 'SET A TO 1') }), { maxLength: 3 }),
    mutations: fc.array(mutationArbitrary({ maxHuge: 4000, maxDepth: 4 }).filter(m => m.op !== 'delete' && m.op !== 'replace'), { maxLength: 3 }),
  }),
  check(input) {
    const bytes = zipBytes(input);
    const tree = ZipTree.open('/fuzz/solution.zip', bytes);
    if ('error' in tree) return;
    // Walk every listed folder; every listed file resolves and reads without throwing.
    const queue = [''];
    let visited = 0;
    while (queue.length) {
      const dir = queue.shift()!;
      if (++visited > 10_000) violation('zip listing does not end (more than 10,000 folders)');
      for (const e of tree.list(dir)) {
        const rel = dir ? `${dir}/${e.name}` : e.name;
        if (rel.split('/').includes('..')) violation(`zip listing climbs out of the archive: ${rel}`);
        if (tree.resolve(rel) === undefined) violation(`listed entry ${rel} does not resolve`);
        if (e.isDirectory) queue.push(rel);
        else readSource(tree, rel, () => undefined);
      }
    }
    tree.resolve('../../etc/passwd');
    readSource(tree, 'missing/file.xml', () => undefined);
  },
  size: i => zipBytes(i).length,
  show: i => `entries=${JSON.stringify(i.entries)} mutations(of solution.zip)=${JSON.stringify(i.mutations)}`,
};

export interface PipelineInput {
  layout: FixtureLayout;
  mutations: Mutation[];
}

/** The mutated tree as the Vfs sees it. For the zip layout the archive is built after the text mutations. */
export function pipelineFiles(input: PipelineInput): Files {
  if (input.layout !== 'zip') return applyMutations(solutionFiles(input.layout), input.mutations);
  const files: Files = { ...solutionFiles('zip'), 'FuzzSolution_1_0_0_0.zip': solutionZip() };
  return applyMutations(files, input.mutations);
}

export function runPipeline(files: Files): ReturnType<typeof analyze> {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, c]) => [`${ROOT}/${p}`, c])));
  return analyze([ROOT], { vfs });
}

export function pipelineTarget(options: { maxHuge: number; maxDepth: number; maxMutations: number }): FuzzTarget<PipelineInput> {
  return {
    name: 'pipeline',
    subject: 'server/src/findings/analyze.ts analyze (discover → load → rules → findings) + report/*',
    arbitrary: fc.record({
      layout: fc.constantFrom<FixtureLayout>('unpacked', 'unpacked', 'raw', 'cdsproj', 'zip'),
      mutations: fc.array(mutationArbitrary(options), { minLength: 1, maxLength: options.maxMutations }),
    }),
    check(input) {
      const files = pipelineFiles(input);
      const { workspace, findings } = runPipeline(files);
      checkWorkspace(workspace);
      for (const f of findings) checkFinding(f);
      // A guard that caught an exception (in a loader or a rule) still hides a crash.
      const internal = [...findings.map(f => f.message), ...workspace.problems.map(p => p.message)].find(m => /internal error/i.test(m));
      if (internal) violation(`an exception was caught and reported: ${internal}`);
      // The reporters read every span too (line/column conversion, script positions).
      formatText(findings, { solutions: workspace.solutions.length, scripts: workspace.scripts.length }, { base: ROOT, color: false });
      formatJson(findings, { solutions: workspace.solutions.length, scripts: workspace.scripts.length }, ROOT, '0.0.0-fuzz');
      formatSarif(findings, { base: ROOT, version: '0.0.0-fuzz', rules: RULES, docsBaseUrl: 'https://example.invalid/rules/' });
    },
    measure: input => { runPipeline(pipelineFiles(input)); },
    size: input => Object.values(pipelineFiles(input)).reduce((n, c) => n + c.length, 0),
    show: input => `layout=${input.layout} mutations=${showMutations(input.mutations, pipelineFiles({ layout: input.layout, mutations: [] }))}`,
    examples: hostileExamples(),
    pumps: [
      { name: 'long desktop script', make: n => ({ layout: 'unpacked', mutations: [{ op: 'replace', file: desktopFileIndex(), find: 'SET A TO 1', text: 'SET A TO 1\r\nSET P TO $\'\'\'Password=x1\'\'\''.repeat(4 * n) }] }) },
      { name: 'huge string in a cloud flow', make: n => ({ layout: 'unpacked', mutations: [{ op: 'replace', file: cloudFileIndex(), find: 'Compose', text: `Compose${'x'.repeat(256 * n)}` }] }) },
    ],
  };
}

function indexOf(pred: (p: string) => boolean): number {
  return Object.keys(solutionFiles('unpacked')).sort().findIndex(pred);
}
const desktopFileIndex = () => indexOf(p => p.startsWith('Workflows/ClipboardCopy') && p.endsWith('.data.xml'));
const cloudFileIndex = () => indexOf(p => p.startsWith('Workflows/ProcessInvoices') && p.endsWith('.json'));

/** The crash shapes: deep JSON in a flow, settings and flowcop.json; a huge script string; odd UTF-16. */
function hostileExamples(): PipelineInput[] {
  const at = (pred: (p: string) => boolean) => indexOf(pred);
  const flow = cloudFileIndex();
  const settings = at(p => p === 'config/Dev/deploymentSettings.json');
  const config = at(p => p === 'flowcop.json');
  return [
    { layout: 'unpacked', mutations: [{ op: 'nest', file: flow, at: 0, depth: 6000, open: '{"a":', close: '}' }] },
    { layout: 'unpacked', mutations: [{ op: 'nest', file: settings, at: 0, depth: 8000, open: '[', close: ']' }] },
    { layout: 'unpacked', mutations: [{ op: 'nest', file: config, at: 0, depth: 8000, open: '[', close: ']' }] },
    { layout: 'unpacked', mutations: [{ op: 'truncate', file: config, at: 0 }, { op: 'invalidUtf8', file: config, at: 0, bytes: [0xfe, 0xff, 0x00] }] },
    { layout: 'unpacked', mutations: [{ op: 'replace', file: desktopFileIndex(), find: 'SET A TO 1', text: `SET A TO '${'x'.repeat(200_000)}'` }] },
  ];
}
