// solution/unused-reference: a connection reference or environment variable that nothing in the
// solution uses. What FlowCop cannot see decides when it stays silent:
//  - a partial tree (no Solution.xml) may hold some components only: nothing is reported;
//  - connection references are also used by canvas apps (root component type 300) and by Copilot Studio
//    bots and other newer components (types 10000 and up). A canvas app's metadata (CanvasApps/*.meta.xml,
//    or <CanvasApp> in customizations.xml) lists the connectors it uses: a reference to one of those
//    connectors counts as used (the metadata does not say which reference of that connector the app binds).
//    With a canvas app whose metadata FlowCop cannot read, or any newer component, unused connection
//    references are not reported;
//  - environment variables are also read by canvas apps (300), web resources (61), custom controls
//    (66), plug-ins (90, 91, 92), and newer components (10000 and up): with any of those present,
//    unused environment variables are not reported (a canvas app's metadata does not list them).
// "Used" means: a cloud flow's connectionReferences names it / a desktop flow's <ConnectionReferences>
// or script names it (connection references); a cloud flow file, a desktop flow (script or its
// <Workflow> element), or another definition's <parentdefinitionid> names it (environment variables,
// case-insensitively: flows also read variables by schema name, e.g. RetrieveEnvironmentVariableSecretValue).
import type { Solution } from '../../model/types';
import { defineRule } from '../rule';
import { taggedBlocks } from '../../analysis/shared/scan';
import { substringsPresent } from '../../util/substrings';

const CANVAS_APP = 300;
const UNSEEN_CONNECTION_REFERENCE_CONSUMERS = (t: number) => t >= 10000;
const ENVIRONMENT_VARIABLE_CONSUMERS = (t: number) => t === 300 || t === 61 || t === 66 || t === 90 || t === 91 || t === 92 || t >= 10000;

export default defineRule({
  meta: {
    id: 'solution/unused-reference',
    category: 'alm',
    defaultSeverity: 'info',
    description: 'A connection reference or environment variable that nothing in the solution uses (reported only when the solution holds no component FlowCop cannot look into).',
    fixable: false,
  },
  check: {
    solution(ctx, solution) {
      if (!solution.manifest) return;
      const types = solution.rootComponents.map(c => c.type);
      const texts = usageTexts(solution);

      const appConnectors = canvasAppConnectors(solution);
      if (!types.some(UNSEEN_CONNECTION_REFERENCE_CONSUMERS) && appConnectors) {
        const used = new Set<string>();
        for (const f of solution.cloudFlows) for (const r of f.connectionReferences) if (r.logicalName) used.add(r.logicalName.toLowerCase());
        for (const d of solution.desktopFlows) for (const n of d.connectionReferences) used.add(n.toLowerCase());
        const inDesktop = substringsPresent(solution.connectionReferences.map(c => c.logicalName.toLowerCase()), texts.desktop, { ignoreCase: true });
        for (const c of solution.connectionReferences) {
          const name = c.logicalName.toLowerCase();
          if (!name || used.has(name) || inDesktop.has(name) || appConnectors.has(c.connectorName.toLowerCase())) continue;
          const users = types.includes(CANVAS_APP) ? 'any flow or canvas app' : 'any flow';
          ctx.report({
            message: `Connection reference "${c.logicalName}" (${c.connectorName}) is not used by ${users} in the solution: every import still asks for a connection for it, and deployment settings must bind one in each environment. Remove it from the solution if nothing needs it.`,
            loc: c.loc,
            element: { kind: 'connectionReference', name: c.logicalName },
            data: { kind: 'connectionReference', name: c.logicalName, connector: c.connectorName },
          });
        }
      }

      if (!types.some(ENVIRONMENT_VARIABLE_CONSUMERS)) {
        const parents = parentDefinitions(solution);
        const mentioned = substringsPresent(solution.environmentVariables.map(v => v.schemaName.toLowerCase()), [...texts.cloud, ...texts.desktop], { ignoreCase: true });
        for (const v of solution.environmentVariables) {
          const name = v.schemaName.toLowerCase();
          if (!name || parents.has(name) || mentioned.has(name)) continue;
          ctx.report({
            message: `Environment variable "${v.schemaName}" is not used by any flow in the solution: each environment's deployment settings must still give it a value. Remove it from the solution if nothing needs it.`,
            loc: v.loc,
            element: { kind: 'environmentVariable', name: v.schemaName },
            data: { kind: 'environmentVariable', name: v.schemaName },
          });
        }
      }
    },
  },
});

/**
 * The connectors the solution's canvas apps use (lower case), or undefined when one of its canvas apps
 * (root component type 300) has no readable metadata: then any reference may be the app's.
 */
function canvasAppConnectors(solution: Solution): Set<string> | undefined {
  const out = new Set<string>();
  const apps = new Map((solution.canvasApps ?? []).map(a => [a.name.toLowerCase(), a]));
  for (const root of solution.rootComponents) {
    if (root.type !== CANVAS_APP) continue;
    const app = root.schemaName ? apps.get(root.schemaName.toLowerCase()) : undefined;
    if (!app?.connectors) return undefined;
  }
  for (const app of apps.values()) for (const c of app.connectors ?? []) out.add(c);
  return out;
}

/** Texts that can mention a component (searched ignoring case): cloud flow files, desktop flow scripts and <Workflow> elements. */
function usageTexts(solution: Solution): { cloud: string[]; desktop: string[] } {
  const cloud = solution.cloudFlows.map(f => f.file.text);
  const desktop: string[] = [];
  for (const d of solution.desktopFlows) {
    if (d.script) desktop.push(d.script.text);
    const text = d.metadataFile.text;
    if (d.metadataFile === solution.customizations) {
      const start = text.lastIndexOf('<Workflow', d.loc.span.start);
      const end = text.indexOf('</Workflow>', d.loc.span.start);
      desktop.push(text.slice(Math.max(0, start), end < 0 ? text.length : end));
    } else {
      desktop.push(text);
    }
  }
  return { cloud, desktop };
}

/** Schema names other definitions point at as their parent (a data-source table variable names its site variable). */
function parentDefinitions(solution: Solution): Set<string> {
  const out = new Set<string>();
  for (const file of new Set(solution.environmentVariables.map(v => v.file))) {
    for (const block of taggedBlocks(file.text, 'parentdefinitionid')) {
      for (const n of block.matchAll(/<schemaname>\s*([^<\s]+)\s*<\/schemaname>/gi)) out.add(n[1].toLowerCase());
    }
  }
  return out;
}
