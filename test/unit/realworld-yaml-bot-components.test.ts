// First contact with a real Git-integration repository (a Copilot Studio agent solution): its
// rootcomponents.yml is empty ("RootComponents: ") although the solution holds a bot, bot components
// and the connection reference the bot's action uses. What the solution holds is written only in
// solutioncomponents.yml. FlowCop read component kinds from rootcomponents.yml alone, so
// solution/unused-reference called the bot's connection reference unused. Project-written fixture in
// the shape of such a repository (CRLF, '@path' entries, empty elements with a trailing space).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../server/src/findings/analyze';
import { MemoryVfs } from '../../server/src/load/vfs';
import { crlf } from '../support/yaml-layout';

const ROOT = '/w/agents/HelpDeskAgent';
const REF = 'cr7f1_agent.shared_office365.a1b2c3d4e5f60718293a4b5c6d7e8f90';

function solutionYml(): string {
  return crlf(`ImportExportXml:
  '@version': 9.2.26041.143
  '@SolutionPackageVersion': 9.2
  '@languagecode': 1033
  '@generatedBy': CrmLive
  SolutionManifest:
    UniqueName: HelpDeskAgent
    LocalizedNames:
      LocalizedName:
        '@description': Help desk agent
        '@languagecode': 1033
    Descriptions: 
    Version: 1.0.0.0
    Managed: 0
    Publisher:
      UniqueName: Contoso
`);
}

function referenceYml(): string {
  return crlf(`connectionreference:
  '@connectionreferencelogicalname': ${REF}
  connectionreferencedisplayname: ${REF}
  connectorid: /providers/Microsoft.PowerApps/apis/shared_office365
  iscustomizable: 0
  statecode: 0
  statuscode: 1
`);
}

function tree(componentPaths: string[]): Record<string, string> {
  return {
    [`${ROOT}/solutions/HelpDeskAgent/solution.yml`]: solutionYml(),
    [`${ROOT}/solutions/HelpDeskAgent/rootcomponents.yml`]: crlf('RootComponents: \n'),
    [`${ROOT}/solutions/HelpDeskAgent/missingdependencies.yml`]: crlf('MissingDependencies: \n'),
    [`${ROOT}/solutions/HelpDeskAgent/solutioncomponents.yml`]: crlf(`SolutionComponents:\n  Component:\n${componentPaths.map(p => `  - '@path': ${p}\n`).join('')}`),
    [`${ROOT}/publishers/Contoso/publisher.yml`]: crlf('Publisher:\n  UniqueName: Contoso\n  CustomizationPrefix: cr7f1\n'),
    [`${ROOT}/connectionreferences/${REF}/connectionreference.yml`]: referenceYml(),
    [`${ROOT}/bots/cr7f1_agent/bot.yml`]: crlf('bot:\n  name: Help desk agent\n'),
    [`${ROOT}/botcomponents/cr7f1_agent.action.SendMail/botcomponent.yml`]: crlf('botcomponent:\n  name: Send mail\n'),
  };
}

function unused(files: Record<string, string>): string[] {
  const { findings, workspace } = analyze(['/w'], { vfs: new MemoryVfs(files) });
  assert.deepEqual(workspace.problems.map(p => p.message), []);
  assert.equal(workspace.solutions.length, 1);
  return findings.filter(f => f.ruleId === 'solution/unused-reference').map(f => f.message);
}

describe('YAML layout: component kinds come from solutioncomponents.yml too', () => {
  test('a connection reference in a solution holding a bot is not reported as unused (empty rootcomponents.yml)', () => {
    const findings = unused(tree([
      `/botcomponent_connectionreferenceset/botcomponentid.schemaname=cr7f1_agent.action.SendMail,connectionreferenceid.connectionreferencelogicalname=${REF}`,
      '/botcomponents/cr7f1_agent.action.SendMail',
      '/bots/cr7f1_agent',
      `/connectionreferences/${REF}`,
      '/publishers/Contoso',
    ]));
    assert.deepEqual(findings, []);
    // The rule is not silenced: without a bot the same reference is reported.
    const alone = unused(tree([`/connectionreferences/${REF}`, '/publishers/Contoso']));
    assert.equal(alone.length, 1);
    assert.match(alone[0], /is not used by any flow/);
  });

  test('a canvas app listed only in solutioncomponents.yml also counts as a consumer', () => {
    const files = tree(['/canvasapps/cr7f1_helpdesk_1a2b3', `/connectionreferences/${REF}`, '/publishers/Contoso']);
    files[`${ROOT}/canvasapps/cr7f1_helpdesk_1a2b3/canvasapp.yml`] = crlf('CanvasApp:\n  Name: cr7f1_helpdesk_1a2b3\n');
    assert.deepEqual(unused(files), []);
  });
});
