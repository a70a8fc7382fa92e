// cloud/embedded-connection: a connection used directly instead of through a connection reference.
// A solution-aware flow names its connections through `connection.connectionReferenceLogicalName`;
// an entry holding a connection itself (`connection.name`, `connection.id`, `connectionId`,
// `connectionName`), or a legacy `$connections` parameter whose default value holds connection ids,
// ties the flow to one account's connection that deployment settings cannot re-bind per environment.
import { entries, innerSpan, JsonNode, prop, propPath, stringValue } from '../../load/json';
import { defineRule } from '../rule';

export default defineRule({
  meta: {
    id: 'cloud/embedded-connection',
    category: 'alm',
    defaultSeverity: 'warning',
    description: 'A cloud flow that uses a connection directly (an embedded connection or a legacy $connections value) instead of through a connection reference.',
    fixable: false,
  },
  check: {
    cloudFlow(ctx, flow, solution) {
      // A legacy flow package's import asks for a connection for each one: nothing is embedded.
      if (solution.package) return;
      for (const ref of flow.connectionReferences) {
        if (ref.logicalName) continue;
        const connection = prop(ref.node, 'connection');
        const name = ref.connectionName ?? stringValue(prop(connection, 'id')) ?? stringValue(prop(ref.node, 'connectionId')) ?? stringValue(prop(ref.node, 'connectionName'));
        if (!name) continue;
        const api = ref.apiName ?? apiOf(ref.node) ?? ref.key;
        ctx.report({
          message: `Cloud flow "${flow.name}" uses connection "${name}" (${api}) directly instead of through a connection reference: the connection belongs to one account in one environment, and deployment settings cannot bind another one at import. Re-create the step with a connection reference (open the flow from the solution, or add connection.connectionReferenceLogicalName).`,
          loc: keyLoc(ref.node) ? { file: flow.file, span: keyLoc(ref.node)! } : ref.loc,
          element: { kind: 'connectionReference', name: ref.key },
          data: { key: ref.key, connection: name, api, source: 'connectionReferences' },
        });
      }

      const definition = propPath(flow.json, 'properties', 'definition') ?? prop(flow.json, 'definition');
      const connections = prop(prop(prop(definition, 'parameters'), '$connections'), 'defaultValue');
      for (const [key, keyNode, value] of entries(connections)) {
        const id = stringValue(prop(value, 'connectionId')) ?? stringValue(prop(value, 'connectionName'));
        if (!id) continue;
        const api = stringValue(prop(value, 'id')) ?? key;
        ctx.report({
          message: `Cloud flow "${flow.name}" keeps connection "${key}" in the $connections parameter (connection id "${id}") instead of a connection reference: the flow is bound to that connection wherever it is imported. Re-create the step with a connection reference.`,
          loc: { file: flow.file, span: innerSpan(keyNode) },
          element: { kind: 'connectionReference', name: key },
          data: { key, connection: id, api: api.split('/').pop(), source: '$connections' },
        });
      }
    },
  },
});

function apiOf(node: JsonNode): string | undefined {
  const id = stringValue(prop(node, 'id')) ?? stringValue(prop(prop(node, 'api'), 'id'));
  return id?.split('/').pop();
}

/** Span of the property key holding `value` (without quotes). */
function keyLoc(value: JsonNode) {
  const key = value.parent?.type === 'property' ? value.parent.children?.[0] : undefined;
  return key ? innerSpan(key) : undefined;
}
