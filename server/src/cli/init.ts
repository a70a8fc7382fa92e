// `flowcop init`: looks at the folder (solutions, layouts, the environments their settings files name)
// and writes a flowcop.json that names them, optionally a CI pipeline, and the VS Code recommendation.
// It asks only on a terminal (never with --yes or in CI) and never replaces a file without --force.
import * as path from 'node:path';
import { loadWorkspace } from '../findings/analyze';
import type { Workspace } from '../model/types';
import { relativePath } from '../util/paths';
import { escapeText } from '../util/terminal';
import { oneOf, Parsed, UsageError } from './args';
import type { CliIO } from './io';

export const SCHEMA_URL = 'https://raw.githubusercontent.com/flowcop/flowcop/main/schemas/flowcop.schema.json';
export const EXTENSION_ID = 'flowcop.flowcop';

export function initCommand(args: Parsed, io: CliIO): number {
  if (args.paths.length > 1) throw new UsageError('init takes one folder (default: the current folder)');
  const dir = path.resolve(io.cwd, args.paths[0] ?? '.');
  if (!io.vfs.isDirectory(dir)) throw new UsageError(`init needs a folder: ${args.paths[0]}`);
  const force = args.flags.has('--force');
  const interactive = !args.flags.has('--yes') && !io.env.CI && !!io.prompt;
  const { workspace } = loadWorkspace([dir], { vfs: io.vfs });
  io.stderr(describe(workspace, dir));

  let ci = oneOf(args.flags, '--ci', ['github', 'azure', 'none'], interactive ? '' : 'none');
  if (!ci) {
    const guess = io.vfs.isDirectory(path.join(dir, '.github')) ? 'github' : (io.vfs.readDir(dir) ?? []).some(e => /^azure-pipelines/i.test(e.name)) ? 'azure' : 'none';
    const answer = (io.prompt!(`Add a CI pipeline that runs FlowCop? github, azure or none [${guess}]: `) ?? '').trim().toLowerCase();
    ci = ['github', 'azure', 'none'].includes(answer) ? answer : guess;
  }
  if (interactive) {
    const answer = (io.prompt!(`Write flowcop.json${ci !== 'none' ? `, the ${ci} pipeline` : ''} and .vscode/extensions.json in ${escapeText(relativePath(dir, io.cwd) || '.')}? [Y/n]: `) ?? '').trim().toLowerCase();
    if (answer === 'n' || answer === 'no') {
      io.stderr('flowcop: nothing written\n');
      return 0;
    }
  }
  const files: Array<[string, string]> = [['flowcop.json', configText(workspace, dir)], ['.vscode/extensions.json', `${JSON.stringify({ recommendations: [EXTENSION_ID] }, null, 2)}\n`]];
  if (ci === 'github') files.push(['.github/workflows/flowcop.yml', GITHUB_WORKFLOW]);
  if (ci === 'azure') files.push(['azure-pipelines.flowcop.yml', AZURE_PIPELINE]);
  for (const [rel, content] of files) {
    const target = path.join(dir, rel);
    if (io.vfs.isFile(target) && !force) {
      io.stderr(`flowcop: ${rel} exists; not replaced (--force replaces it)\n`);
      continue;
    }
    io.writeFile(target, content);
    io.stderr(`flowcop: wrote ${rel}\n`);
  }
  return 0;
}

/** What init found, for the person running it. */
function describe(workspace: Workspace, dir: string): string {
  const lines = [`flowcop: found ${workspace.solutions.length} solution${workspace.solutions.length === 1 ? '' : 's'}, ${workspace.scripts.length} script${workspace.scripts.length === 1 ? '' : 's'}`];
  for (const s of workspace.solutions) {
    const envs = s.environments.map(e => e.environment);
    lines.push(`  ${escapeText(s.uniqueName)} (${s.layout}, ${escapeText(relativePath(s.root, dir) || '.')})${envs.length ? `: ${escapeText(envs.join(', '))}` : ': no deployment settings'}`);
  }
  for (const o of workspace.orphanSettings) lines.push(`  settings for ${escapeText(o.environment)} in ${escapeText(relativePath(o.file.path, dir))} belong to no solution found; add it to flowcop.json by hand`);
  return `${lines.join('\n')}\n`;
}

/** flowcop.json naming every settings file found, with its environment and solution. */
export function configText(workspace: Workspace, dir: string): string {
  const environments = workspace.solutions.flatMap(s => s.environments.map(e => ({ name: e.environment, file: relativePath(e.file.path, dir), solution: s.uniqueName })))
    .filter(e => e.name !== 'default')
    .sort((a, b) => a.solution.localeCompare(b.solution) || a.name.localeCompare(b.name));
  const config: Record<string, unknown> = { $schema: SCHEMA_URL };
  if (environments.length) config.environments = environments;
  config.rules = {};
  return `${JSON.stringify(config, null, 2)}\n`;
}

const GITHUB_WORKFLOW = `# FlowCop: lint the Power Automate solutions of this repository on every pull request.
name: FlowCop
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
jobs:
  flowcop:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with: { node-version: 20 }
      - run: npx --yes flowcop lint . --format github --fail-on error
`;

const AZURE_PIPELINE = `# FlowCop: lint the Power Automate solutions of this repository (issues in the build summary,
# SARIF in the CodeAnalysisLogs artifact, results in the Tests tab).
trigger: [main]
pr: [main]
pool:
  vmImage: ubuntu-latest
steps:
  - task: NodeTool@0
    inputs: { versionSpec: '20.x' }
  - bash: |
      mkdir -p "$(Build.ArtifactStagingDirectory)/CodeAnalysisLogs"
      npx --yes flowcop lint . --fail-on error --format azure \\
        --format sarif --output "$(Build.ArtifactStagingDirectory)/CodeAnalysisLogs/flowcop.sarif" \\
        --format junit --output "$(Build.ArtifactStagingDirectory)/flowcop-junit.xml"
    displayName: FlowCop
  - task: PublishBuildArtifacts@1
    condition: succeededOrFailed()
    inputs: { PathtoPublish: '$(Build.ArtifactStagingDirectory)/CodeAnalysisLogs', ArtifactName: CodeAnalysisLogs }
  - task: PublishTestResults@2
    condition: succeededOrFailed()
    inputs: { testResultsFormat: JUnit, testResultsFiles: '$(Build.ArtifactStagingDirectory)/flowcop-junit.xml', testRunTitle: FlowCop }
`;
