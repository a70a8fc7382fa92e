// Cloud-flow definitions for the benchmark trees: triggers, variables, expressions, connector actions
// through connection references, conditions and loops, Run desktop flow and child-flow calls, reading
// the solution's environment variables as parameters. The planted findings (a client secret, a Dev
// URL, a SQL server name) are the only literals a rule should report.

const API = name => `/providers/Microsoft.PowerApps/apis/${name}`;

/** The connectors every benchmark solution references (key = connectionName in the flow). */
export const CONNECTORS = [
  { key: 'shared_sharepointonline', suffix: 'SharePoint' },
  { key: 'shared_office365', suffix: 'Outlook' },
  { key: 'shared_commondataserviceforapps', suffix: 'Dataverse' },
  { key: 'shared_uiflow', suffix: 'DesktopFlows' },
  { key: 'shared_sql', suffix: 'Sql' },
];

const op = (connector, operationId, parameters) => ({
  type: 'OpenApiConnection',
  inputs: { host: { connectionName: connector, operationId, apiId: API(connector) }, parameters, authentication: "@parameters('$authentication')" },
});

/**
 * Builds one flow file. ctx: { prefix, envVars: [{ schemaName, displayName }], desktopFlowIds, childFlowIds,
 * actions (count, nested ones included), plants: [{ kind: 'secret'|'url'|'machine', seq }] }.
 */
export function cloudFlowJson(rng, ctx) {
  const param = v => `${v.displayName} (${v.schemaName})`;
  const used = [rng.pick(ctx.envVars), rng.pick(ctx.envVars), rng.pick(ctx.envVars)];
  const p = i => `@parameters('${param(used[i % used.length])}')`;
  const names = new Set();
  const uniq = base => { let k = 1; let n = base; while (names.has(n)) n = `${base}_${++k}`; names.add(n); return n; };
  let n = 0;
  const plants = [...ctx.plants];

  /** One leaf action: an ordinary one, or the planted finding `kind`. */
  const leaf = plant => {
    n++;
    const kind = plant?.kind;
    const seq = plant?.seq;
    if (kind === 'secret') return [uniq('Call_partner_API'), { type: 'Http', inputs: { method: 'POST', uri: `${p(0)}/api/orders`, authentication: { type: 'ActiveDirectoryOAuth', tenant: 'contoso.onmicrosoft.com', audience: 'https://api.partner.example', clientId: rng.guid(), secret: `Qx8~${rng.guid().replace(/-/g, '').slice(0, 28)}` } } }];
    if (kind === 'url') return [uniq('Get_Dev_accounts'), { type: 'Http', inputs: { method: 'GET', uri: `https://contoso-dev.crm4.dynamics.com/api/data/v9.2/accounts${seq}?$top=${n}` } }];
    if (kind === 'machine') return [uniq('Get_orders_from_SQL'), op('shared_sql', 'GetItems_V2', { server: `SQLPROD${String(seq % 97).padStart(2, '0')}`, database: 'Orders', table: '[dbo].[Orders]' })];
    switch (rng.int(0, 11)) {
      case 0: return [uniq('Initialize_counter'), { type: 'InitializeVariable', inputs: { variables: [{ name: `counter${n}`, type: 'integer', value: 0 }] } }];
      case 1: return [uniq('Compose_file_name'), { type: 'Compose', inputs: `@concat(formatDateTime(utcNow(), 'yyyy-MM-dd'), '-', triggerOutputs()?['body/Title'], '.csv')` }];
      case 2: return [uniq('Get_items'), op('shared_sharepointonline', 'GetItems', { dataset: p(n), table: p(n + 1), $filter: `Status eq 'New' and Modified gt '@{addDays(utcNow(), -${n % 9 + 1})}'`, $top: 500 })];
      case 3: return [uniq('Send_an_email'), op('shared_office365', 'SendEmailV2', { 'emailMessage/To': p(n + 1), 'emailMessage/Subject': `Batch @{variables('batch')} finished (${n})`, 'emailMessage/Body': `<p>@{length(body('Filter_array'))} items, @{outputs('Compose_file_name')}</p>`, 'emailMessage/Importance': 'Normal' })];
      case 4: return [uniq('List_rows'), op('shared_commondataserviceforapps', 'ListRecords', { entityName: 'accounts', $select: 'name,accountnumber,statecode', $filter: `statecode eq 0 and createdon ge @{addDays(utcNow(), -${n})}` })];
      case 5: return [uniq('Add_a_row'), op('shared_commondataserviceforapps', 'CreateRecord', { entityName: 'cr_logs', 'item/cr_name': `@{workflow()?['tags']?['flowDisplayName']} ${n}`, 'item/cr_details': "@{string(body('Parse_JSON'))}" })];
      case 6: return [uniq('Set_status'), { type: 'SetVariable', inputs: { name: 'status', value: `@{if(equals(variables('counter'), ${n}), 'done', 'running')}` } }];
      case 7: return [uniq('Parse_JSON'), { type: 'ParseJson', inputs: { content: "@body('Call_service')", schema: { type: 'object', properties: { id: { type: 'string' }, total: { type: 'number' }, lines: { type: 'array' } } } } }];
      case 8: return [uniq('Call_service'), { type: 'Http', inputs: { method: 'GET', uri: `@{${p(n + 2).slice(1)}}/api/v2/items/${n}`, headers: { Accept: 'application/json', 'x-correlation-id': '@{guid()}' }, authentication: { type: 'ManagedServiceIdentity', audience: 'https://management.azure.com/' } } }];
      case 9: return [uniq('Filter_array'), { type: 'Query', inputs: { from: "@body('Get_items')?['value']", where: `@greater(item()?['Amount'], ${n * 10})` } }];
      case 10:
        if (ctx.desktopFlowIds.length) return [uniq('Run_desktop_flow'), { ...op('shared_uiflow', 'RunUIFlow_V2', { uiFlowId: rng.pick(ctx.desktopFlowIds), runMode: 'unattended', runPriority: 'normal', 'item/Input_Reference': "@triggerOutputs()?['body/Title']", 'item/Input_WorkFolder': p(n), 'item/Input_PortalUrl': p(n + 1) }), runtimeConfiguration: { secureData: { properties: ['inputs', 'outputs'] } } }];
        return [uniq('Increment_counter'), { type: 'IncrementVariable', inputs: { name: 'counter', value: 1 } }];
      default:
        if (ctx.childFlowIds.length) return [uniq('Run_a_Child_Flow'), { type: 'Workflow', inputs: { host: { workflowReferenceName: rng.pick(ctx.childFlowIds) }, body: { text: "@{triggerOutputs()?['body/ID']}" } }, runtimeConfiguration: { secureInput: false } }];
        return [uniq('Append_to_results'), { type: 'AppendToArrayVariable', inputs: { name: 'results', value: "@outputs('Compose_file_name')" } }];
    }
  };

  /** A sequence of `count` actions (nested ones counted), chained by runAfter. */
  const sequence = count => {
    const actions = {};
    let previous;
    let left = count;
    while (left > 0) {
      let entry;
      if (left >= 5 && rng.chance(0.2)) {
        const inner = rng.int(2, Math.min(8, left - 1));
        const half = Math.max(1, Math.floor(inner / 2));
        entry = rng.chance(0.5)
          ? [uniq('Condition'), { type: 'If', expression: { and: [{ greater: [`@length(body('Get_items')?['value'])`, 0] }, { not: { equals: ["@variables('status')", 'done'] } }] }, actions: sequence(half), else: { actions: sequence(inner - half) } }]
          : [uniq('Apply_to_each'), { type: 'Foreach', foreach: "@body('Get_items')?['value']", actions: sequence(inner), runtimeConfiguration: { concurrency: { repetitions: 1 } } }];
        left -= inner + 1;
      } else {
        entry = leaf();
        left -= 1;
      }
      entry[1].runAfter = previous ? { [previous]: ['Succeeded'] } : {};
      actions[entry[0]] = entry[1];
      previous = entry[0];
    }
    return actions;
  };

  // The planted findings close the top-level sequence, so the action count is exactly the planned one.
  const actions = sequence(ctx.actions - plants.length);
  let last = Object.keys(actions).at(-1);
  while (plants.length) {
    const [name, action] = leaf(plants.shift());
    action.runAfter = { [last]: ['Succeeded'] };
    actions[name] = action;
    last = name;
  }

  const parameters = { $connections: { defaultValue: {}, type: 'Object' }, $authentication: { defaultValue: {}, type: 'SecureObject' } };
  for (const v of used) parameters[param(v)] = { defaultValue: '', type: 'String', metadata: { schemaName: v.schemaName } };
  const connectionReferences = Object.fromEntries(CONNECTORS.map(c => [c.key, {
    runtimeSource: 'embedded', connection: { connectionReferenceLogicalName: `${ctx.prefix}_${c.suffix}` }, api: { name: c.key },
  }]));
  const trigger = rng.chance(0.5)
    ? { Recurrence: { type: 'Recurrence', recurrence: { frequency: 'Day', interval: 1, timeZone: 'W. Europe Standard Time', schedule: { hours: [String(rng.int(5, 20))] } } } }
    : { When_an_item_is_created: { type: 'OpenApiConnectionNotification', inputs: { host: { connectionName: 'shared_sharepointonline', operationId: 'GetOnNewItems', apiId: API('shared_sharepointonline') }, parameters: { dataset: p(0), table: p(1) }, authentication: "@parameters('$authentication')" }, recurrence: { frequency: 'Minute', interval: 5 } } };
  return flowJson({ connectionReferences, parameters, triggers: trigger, actions });
}

/** A solution cloud flow's JSON file around its definition's parameters, triggers and actions. */
export function flowJson({ connectionReferences, parameters, triggers, actions }) {
  return JSON.stringify({
    properties: {
      connectionReferences,
      definition: {
        $schema: 'https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#',
        contentVersion: '1.0.0.0',
        parameters,
        triggers,
        actions,
      },
      templateName: '',
    },
    schemaVersion: '1.0.0.0',
  }, null, 2);
}
