// Fixtures for the dlp/ rules: one policy written in each export shape of governance.md §2.5, a
// solution whose cloud flow writes to Dataverse and runs a desktop flow, and a runner that lints a
// tree with the data policies of the run on the rule context (as findings/lint.ts passes them).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadWorkspace } from '../../server/src/findings/analyze';
import type { Finding } from '../../server/src/findings/finding';
import { lintWorkspace } from '../../server/src/findings/lint';
import { MemoryVfs } from '../../server/src/load/vfs';
import type { AppliedPolicies } from '../../server/src/model/dlp';
import { RULES } from '../../server/src/rules/registry';
import type { Rule, RuleContext } from '../../server/src/rules/rule';
import { buildSolutionFiles, SolutionSpec } from './fixture';
import { findingText } from './rule-tester';

export const DATAVERSE = '/providers/Microsoft.PowerApps/apis/shared_commondataserviceforapps';
export const SQL = '/providers/Microsoft.PowerApps/apis/shared_sql';
export const UIFLOW = '/providers/Microsoft.PowerApps/apis/shared_uiflow';
export const desktopModule = (suffix: string) => `providers/Microsoft.ProcessSimple/operationGroups/DesktopFlow.${suffix}`;

export interface PolicySpec {
  displayName?: string;
  /** Classification of unlisted ids: `General` (Non-business) unless given. */
  defaultClassification?: 'Confidential' | 'General' | 'Blocked';
  business?: string[];
  nonBusiness?: string[];
  blocked?: string[];
  actionRules?: Array<{ connectorId: string; defaultBehavior?: 'Allow' | 'Block'; rules: Array<{ actionId: string; behavior: 'Allow' | 'Block' }> }>;
}

const connectors = (ids: string[] | undefined, type = 'Microsoft.PowerApps/apis') => (ids ?? []).map(id => ({ id, name: id.split(/[./]/).pop(), type }));

function groups(p: PolicySpec) {
  return [
    { classification: 'Confidential', connectors: connectors(p.business) },
    { classification: 'General', connectors: connectors(p.nonBusiness) },
    { classification: 'Blocked', connectors: connectors(p.blocked) },
  ];
}

/** B. The v2 governance API shape: policyDefinition + connectorConfigurationsDefinition. */
export function policyV2(p: PolicySpec): string {
  return JSON.stringify({
    policyDefinition: {
      name: '6f1c0000-0000-0000-0000-000000000001', displayName: p.displayName ?? 'Prod guardrails',
      defaultConnectorsClassification: p.defaultClassification ?? 'General', environmentType: 'AllEnvironments', environments: [],
      connectorGroups: groups(p), isLegacySchemaVersion: false,
    },
    connectorConfigurationsDefinition: {
      connectorActionConfigurations: (p.actionRules ?? []).map(a => ({ connectorId: a.connectorId, defaultConnectorActionRuleBehavior: a.defaultBehavior ?? 'Allow', actionRules: a.rules })),
      endpointConfigurations: [],
    },
    customConnectorUrlPatternsDefinition: { rules: [{ order: 1, customConnectorRuleClassification: 'Ignore', pattern: '*' }] },
  }, null, 2);
}

/** A. The v1 list (`Get-DlpPolicy`): keys in another casing, ids without the leading `/`, to pin tolerance. */
export function policyV1(p: PolicySpec): string {
  const strip = (ids?: string[]) => ids?.map(id => id.replace(/^\//, ''));
  return JSON.stringify({
    value: [{
      Name: 'policy-1', DisplayName: p.displayName ?? 'Prod guardrails', DefaultConnectorsClassification: p.defaultClassification ?? 'General',
      ConnectorGroups: groups({ ...p, business: strip(p.business), nonBusiness: strip(p.nonBusiness), blocked: strip(p.blocked) }).map(g => ({ Classification: g.classification, Connectors: g.connectors.map(c => ({ Id: c.id, Name: c.name, Type: c.type })) })),
      EnvironmentType: 'AllEnvironments', Environments: [], etag: 'x',
    }],
  }, null, 2);
}

/** C. The legacy apiPolicies shape (`Get-AdminDlpPolicy`): apiGroups hbi/lbi, defaultApiGroup. */
export function policyLegacy(p: PolicySpec): string {
  const group = { Confidential: 'hbi', General: 'lbi', Blocked: 'blocked' }[p.defaultClassification ?? 'General'];
  return JSON.stringify({
    name: 'legacy-1',
    properties: {
      displayName: p.displayName ?? 'Prod guardrails',
      definition: {
        defaultApiGroup: group,
        apiGroups: {
          hbi: { apis: connectors(p.business) },
          lbi: { apis: connectors(p.nonBusiness) },
          blocked: { apis: connectors(p.blocked) },
        },
      },
    },
  }, null, 2);
}

export const DESKTOP_ID = '0b5c7e1a-4d2f-4a61-9a77-5e3c2b1d0f11';

/** The done-when policy: Scripting blocked, Dataverse Business, HTTP (DesktopFlow.Web) Non-business. */
export const DONE_WHEN_POLICY: PolicySpec = {
  business: [DATAVERSE, desktopModule('Excel')],
  nonBusiness: [desktopModule('Web')],
  blocked: [desktopModule('Scripting')],
};

export const INVOKE_LINE = "Web.InvokeWebService.InvokeWebService Url: $'''https://api.contoso.com/orders''' Method: Web.Method.Get Accept: $'''application/json''' ContentType: $'''application/json''' ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False UserAgent: $'''Mozilla/5.0''' Encoding: Web.Encoding.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> WebServiceResponseHeaders Response=> WebServiceResponse StatusCode=> StatusCode";
export const POWERSHELL_LINE = "Scripting.RunPowershellScript.RunPowershellScript Script: $'''Get-Date''' ScriptOutput=> PowershellOutput ScriptError=> ScriptError";

/** A solution: cloud flow "Sync orders" creates a Dataverse row and runs desktop flow "Fetch orders". */
export function treeSolution(script = `${INVOKE_LINE}\n${POWERSHELL_LINE}\n`, extra: Partial<SolutionSpec> = {}): SolutionSpec {
  return {
    uniqueName: 'Orders',
    prefix: 'ord',
    connectionReferences: [
      { logicalName: 'ord_dataverse', connectorId: DATAVERSE },
      { logicalName: 'ord_uiflow', connectorId: UIFLOW },
    ],
    desktopFlows: [{ name: 'Fetch orders', id: DESKTOP_ID, script }],
    cloudFlows: [{
      name: 'Sync orders',
      uses: [
        { key: 'shared_commondataserviceforapps', logicalName: 'ord_dataverse' },
        { key: 'shared_uiflow', logicalName: 'ord_uiflow' },
      ],
      definition: {
        triggers: { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } },
        actions: {
          Add_a_new_row: { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_commondataserviceforapps', operationId: 'CreateRecord', apiId: DATAVERSE }, parameters: { entityName: 'accounts' } } },
          Run_desktop_flow: { type: 'OpenApiConnection', runAfter: { Add_a_new_row: ['Succeeded'] }, inputs: { host: { connectionName: 'shared_uiflow', operationId: 'RunUIFlow_V2', apiId: UIFLOW }, parameters: { uiFlowId: DESKTOP_ID, runMode: 'attended' } } },
        },
      },
    }],
    ...extra,
  };
}

/** The tree of a case: the solution, the policy file and a flowcop.json naming it. */
export function caseTree(solution: SolutionSpec | undefined, policy: string | undefined, config: Record<string, unknown> = { policies: ['governance/dlp.json'] }, script?: string): Record<string, string> {
  const files: Record<string, string> = solution ? { ...buildSolutionFiles(solution) } : {};
  if (script !== undefined) files['test.robin'] = script;
  if (policy !== undefined) files['governance/dlp.json'] = policy;
  files['flowcop.json'] = JSON.stringify(config);
  return files;
}

/** A rule that sees the run's data policies on its context, as findings/lint.ts passes them (`settings.dataPolicies`). */
function withPolicies(rule: Rule, policies: AppliedPolicies[] | undefined): Rule {
  const wrap = (ctx: RuleContext): RuleContext => (('dataPolicies' in ctx.settings) ? ctx : { ...ctx, settings: { ...ctx.settings, dataPolicies: policies } as RuleContext['settings'] });
  const { script, cloudFlow, solution } = rule.check;
  return {
    ...rule,
    check: {
      ...(script ? { script: (ctx, unit) => script(wrap(ctx), unit) } : {}),
      ...(cloudFlow ? { cloudFlow: (ctx, flow, sol) => cloudFlow(wrap(ctx), flow, sol) } : {}),
      ...(solution ? { solution: (ctx, sol) => solution(wrap(ctx), sol) } : {}),
    },
  };
}

export const ROOT = '/dlp-case';

/** Lints a tree with every rule on plus the given dlp rules; `policyArgs` are `--policy` files. */
export function lintTree(files: Record<string, string>, dlpRules: Rule[], options: { environment?: string; policyArgs?: string[] } = {}): Finding[] {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, v]) => [`${ROOT}/${p}`, v])));
  const { workspace, configs } = loadWorkspace([ROOT], { vfs, policies: options.policyArgs?.map(p => `${ROOT}/${p}`) });
  const ids = new Set(dlpRules.map(r => r.meta.id));
  const rules = [...dlpRules.map(r => withPolicies(r, workspace.policies)), ...RULES.filter(r => !ids.has(r.meta.id))];
  return lintWorkspace(workspace, { rules, configs, environment: options.environment });
}

export interface DlpCase {
  name: string;
  files: Record<string, string>;
  environment?: string;
  policyArgs?: string[];
  /** Expected findings of the rule: the text each covers and a message pattern. */
  errors?: Array<{ text: string; message?: RegExp; file?: RegExp }>;
}

/** RuleTester-style cases for one dlp rule: `valid` give none of its findings, `invalid` exactly `errors`. */
export function dlpRuleTester(rule: Rule, cases: { valid: DlpCase[]; invalid: DlpCase[] }): void {
  const own = (c: DlpCase) => lintTree(c.files, [rule], c).filter(f => f.ruleId === rule.meta.id);
  for (const c of cases.valid) test(`valid: ${c.name}`, () => assert.deepEqual(own(c).map(f => f.message), []));
  for (const c of cases.invalid) {
    test(`invalid: ${c.name}`, () => {
      const found = own(c);
      assert.equal(found.length, c.errors!.length, found.map(f => f.message).join('\n'));
      c.errors!.forEach((e, k) => {
        assert.equal(findingText(found[k]), e.text);
        if (e.message) assert.match(found[k].message, e.message);
        if (e.file) assert.match(found[k].loc.file.path, e.file);
      });
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Flow trees beyond one cloud flow and one desktop flow: desktop flows run by desktop flows, child
// cloud flows, built-in actions governed as virtual connectors.

export const HELPER_ID = '6a1f3c2e-8b4d-4e5f-9a0b-1c2d3e4f5a6b';
export const TEAMS = '/providers/Microsoft.PowerApps/apis/shared_teams';
export const EXCEL_LINE = 'Excel.LaunchExcel.LaunchUnderExistingProcess Visible: True Instance=> ExcelInstance';

/** `External.RunFlow` as the designer writes it: the `@@flowname` annotation, then the flow id. */
export const runFlowLine = (flowId: string, name: string) => `@@flowname: '${name}'\nExternal.RunFlow FlowId: '${flowId}' @Input_Path: $'''C:\\\\Temp''' @Output_Status=> Output_Status`;

/** The tree solution whose desktop flow "Fetch orders" runs a second desktop flow "Helper" (`helperScript`). */
export function nestedDesktopSolution(fetchScript: string, helperScript: string): SolutionSpec {
  return treeSolution(fetchScript, {
    desktopFlows: [{ name: 'Fetch orders', id: DESKTOP_ID, script: fetchScript }, { name: 'Helper', id: HELPER_ID, script: helperScript }],
  });
}

const dataverseRow = { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_commondataserviceforapps', operationId: 'CreateRecord', apiId: DATAVERSE }, parameters: { entityName: 'accounts' } } };
const teamsPost = { type: 'OpenApiConnection', inputs: { host: { connectionName: 'shared_teams', operationId: 'PostMessageToConversation', apiId: TEAMS }, parameters: { poster: 'Flow bot' } } };
export const CHILD_FLOW_ID = '3c9e1d7a-2b4f-4c8e-9d1a-5e6f7a8b9c0d';

/**
 * A parent cloud flow "Parent" (writes to Dataverse, calls the child) and a child cloud flow "Child" that posts
 * to Teams — and, when `childWritesDataverse`, writes to Dataverse too (so it mixes on its own).
 */
export function childFlowSolution(childWritesDataverse: boolean): SolutionSpec {
  const uses = [{ key: 'shared_commondataserviceforapps', logicalName: 'ord_dataverse' }, { key: 'shared_teams', logicalName: 'ord_teams' }];
  const trigger = { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } };
  return {
    uniqueName: 'Orders', prefix: 'ord',
    connectionReferences: [{ logicalName: 'ord_dataverse', connectorId: DATAVERSE }, { logicalName: 'ord_teams', connectorId: TEAMS }],
    cloudFlows: [
      {
        name: 'Parent', uses,
        definition: { triggers: trigger, actions: { Add_a_row: dataverseRow, Run_child: { type: 'Workflow', runAfter: { Add_a_row: ['Succeeded'] }, inputs: { host: { workflowReferenceName: CHILD_FLOW_ID } } } } },
      },
      {
        name: 'Child', id: CHILD_FLOW_ID, uses,
        definition: { triggers: trigger, actions: { ...(childWritesDataverse ? { Child_row: dataverseRow } : {}), Post_message: teamsPost } },
      },
    ],
  };
}

/** One cloud flow "Notify" with a Dataverse action and the given built-in actions and triggers. */
export function builtInSolution(actions: Record<string, unknown>, triggers: Record<string, unknown> = { manual: { type: 'Request', kind: 'Button', inputs: { schema: {} } } }): SolutionSpec {
  return {
    uniqueName: 'Orders', prefix: 'ord',
    connectionReferences: [{ logicalName: 'ord_dataverse', connectorId: DATAVERSE }],
    cloudFlows: [{ name: 'Notify', uses: [{ key: 'shared_commondataserviceforapps', logicalName: 'ord_dataverse' }], definition: { triggers, actions: { Add_a_row: dataverseRow, ...actions } } }],
  };
}

/** A v2 policy with only endpoint rules for one connector or group (`[pattern, behavior]` in order). */
export function endpointPolicy(connectorId: string, rules: Array<[string, 'Allow' | 'Deny']>): string {
  return JSON.stringify({
    policyDefinition: { displayName: 'Prod guardrails', defaultConnectorsClassification: 'General', connectorGroups: [] },
    connectorConfigurationsDefinition: { endpointConfigurations: [{ connectorId, endpointRules: rules.map(([endpoint, behavior], k) => ({ order: k + 1, behavior, endpoint })) }] },
  });
}

/** The workspace of a case tree, loaded as a lint run loads it (for facts that take a loaded flow). */
export function loadCase(files: Record<string, string>) {
  const vfs = new MemoryVfs(Object.fromEntries(Object.entries(files).map(([p, v]) => [`${ROOT}/${p}`, v])));
  return loadWorkspace([ROOT], { vfs }).workspace;
}
