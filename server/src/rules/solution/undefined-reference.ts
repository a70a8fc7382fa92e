// solution/undefined-reference: a flow uses a connection reference or an environment variable the
// solution does not define, so the import fails on a missing dependency (or the flow stays off).
//  - Connection references (cloud flows' connection.connectionReferenceLogicalName, desktop flows'
//    <ConnectionReferences>) are checked only when Customizations.xml was read: that is where a
//    solution defines them, and a partial tree without it says nothing about what is defined.
//  - Environment variables (a `definition.parameters` entry whose metadata.schemaName names no
//    definition) are checked only for a complete tree (with Solution.xml): a partial tree may hold a
//    few definitions out of many.
//  - Names listed under <MissingDependencies> in Solution.xml are declared as coming from another
//    solution and are not reported.
//  - Always (a defect inside the flow itself): `parameters('X')` with no parameter X declared, and an
//    action whose host.connectionName is not a key of the flow's properties.connectionReferences.
import type { CloudFlow, FlowAction, Solution } from '../../model/types';
import { innerSpan, prop, propPath } from '../../load/json';
import { defineRule, RuleContext } from '../rule';
import { taggedBlocks } from '../../analysis/shared/scan';

export default defineRule({
  meta: {
    id: 'solution/undefined-reference',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'A flow uses a connection reference or environment variable (or a workflow parameter) that the solution does not define.',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      const external = missingDependencies(solution);
      const connectionRefs = new Set(solution.connectionReferences.map(c => c.logicalName.toLowerCase()));
      const envVars = new Set(solution.environmentVariables.map(v => v.schemaName.toLowerCase()));
      const knowsConnectionRefs = solution.customizations !== undefined;
      const knowsEnvVars = solution.manifest !== undefined;

      for (const flow of solution.cloudFlows) {
        if (knowsConnectionRefs) {
          for (const ref of flow.connectionReferences) {
            if (!ref.logicalName || connectionRefs.has(ref.logicalName.toLowerCase()) || external.has(ref.logicalName.toLowerCase())) continue;
            const node = propPath(ref.node, 'connection', 'connectionReferenceLogicalName');
            ctx.report({
              message: `Cloud flow "${flow.name}" uses connection reference "${ref.logicalName}" (key "${ref.key}"), which the solution does not define: the import fails on a missing dependency, or the flow cannot be turned on. Add the connection reference to the solution, or point the flow at one it has.`,
              loc: node ? { file: flow.file, span: innerSpan(node) } : ref.loc,
              element: { kind: 'connectionReference', name: ref.logicalName },
              data: { flow: flow.name, kind: 'connectionReference', name: ref.logicalName, key: ref.key },
            });
          }
        }
        connectionKeys(ctx, flow);
        if (knowsEnvVars) {
          for (const p of flow.parameters) {
            if (!p.schemaName || envVars.has(p.schemaName.toLowerCase()) || external.has(p.schemaName.toLowerCase())) continue;
            ctx.report({
              message: `Cloud flow "${flow.name}" reads environment variable "${p.schemaName}" (parameter "${p.name}"), which the solution does not define: the import fails on a missing dependency. Add the environment variable definition to the solution.`,
              loc: { file: flow.file, span: innerSpan(p.node.parent!.children![0]) },
              element: { kind: 'environmentVariable', name: p.schemaName },
              data: { flow: flow.name, kind: 'environmentVariable', name: p.schemaName, parameter: p.name },
            });
          }
        }
        const declared = new Set(flow.parameters.map(p => p.name));
        for (const use of flow.parameterUses) {
          if (declared.has(use.name)) continue;
          ctx.report({
            message: `Cloud flow "${flow.name}" reads parameters('${use.name}'), but the flow declares no such parameter: the expression fails when it runs. Declare the parameter (an environment variable of the solution), or fix the name.`,
            loc: use.loc,
            action: use.action,
            data: { flow: flow.name, kind: 'parameter', name: use.name, ...(use.action ? { action: use.action.name } : {}) },
          });
        }
      }

      if (knowsConnectionRefs) {
        for (const df of solution.desktopFlows) {
          for (const name of df.connectionReferences) {
            if (connectionRefs.has(name.toLowerCase()) || external.has(name.toLowerCase())) continue;
            ctx.report({
              message: `Desktop flow "${df.name}" uses connection reference "${name}", which the solution does not define: its cloud-connector actions have no connection after import. Add the connection reference to the solution.`,
              loc: df.loc,
              element: { kind: 'connectionReference', name },
              data: { flow: df.name, kind: 'connectionReference', name },
            });
          }
        }
      }
    },
  },
});

/** An action naming a connection (host.connectionName) that the flow's properties.connectionReferences lacks. */
function connectionKeys(ctx: RuleContext, flow: CloudFlow): void {
  const properties = prop(flow.json, 'properties');
  if (!prop(properties, 'connectionReferences')) return;
  const keys = new Set(flow.connectionReferences.map(r => r.key));
  for (const a of flow.triggers) connectionKey(ctx, flow, keys, a);
  for (const a of flow.actions) connectionKey(ctx, flow, keys, a);
}

function connectionKey(ctx: RuleContext, flow: CloudFlow, keys: ReadonlySet<string>, a: FlowAction): void {
  // The loader's connection name is host.connectionName when that is a non-empty string (else a legacy
  // $connections name, which this check ignores): most steps are settled without reading their JSON again.
  const loaded = a.host?.connectionName;
  if (!loaded || keys.has(loaded)) return;
  // Only OpenApiConnection-style hosts; legacy ApiConnection steps name $connections entries.
  const node = propPath(a.inputs, 'host', 'connectionName');
  const name = typeof node?.value === 'string' ? node.value : undefined;
  if (!node || !name || keys.has(name)) return;
  ctx.report({
    message: `${a.trigger ? 'Trigger' : 'Action'} "${a.name}" of cloud flow "${flow.name}" uses connection "${name}", which is not in the flow's connection references: the step has no connection after import. Re-select its connection reference in the designer.`,
    loc: { file: flow.file, span: innerSpan(node) },
    action: a,
    data: { flow: flow.name, kind: 'connection', name, action: a.name },
  });
}

/** Lower-case schema names declared under <MissingDependencies> (components another solution provides). */
function missingDependencies(solution: Solution): Set<string> {
  const text = solution.layout === 'yaml' ? '' : solution.manifest?.text ?? '';
  const block = taggedBlocks(text, 'MissingDependencies')[0] ?? '';
  const names = [...block.matchAll(/\bschemaName="([^"]*)"/gi)].map(m => m[1]);
  return new Set([...names, ...(solution.missingDependencies ?? [])].map(n => n.toLowerCase()));
}
