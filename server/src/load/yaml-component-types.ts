// Component kinds of a YAML-layout solution, read from solutioncomponents.yml. Real Git-integration
// repositories leave rootcomponents.yml empty ("RootComponents: ") for solutions that hold a bot, bot
// components and canvas apps (../shared/reference/solution-format-yaml.md §4.3): what a solution holds
// is written only in solutioncomponents.yml, one '@path' per component folder. Rules that stay quiet
// when a solution holds a component FlowCop cannot look into (solution/unused-reference) read
// `Solution.rootComponents` types, so the kinds of the listed folders are added there.
import type { RootComponent } from '../model/types';
import type { SourceFile, Span } from '../util/text';

/** Component folders of the YAML layout whose solution component type is known and below 10000. */
const CLASSIC_TYPES: ReadonlyMap<string, number> = new Map([
  ['entities', 1], ['optionsets', 9], ['roles', 20],
  ['reports', 31], ['emailtemplates', 36], ['templates', 36], ['dashboards', 60], ['systemforms', 60],
  ['webresources', 61], ['appmodulesitemaps', 62], ['sitemaps', 62], ['connectionroles', 63],
  ['customcontrols', 66], ['fieldsecurityprofiles', 70], ['appmodules', 80], ['plugintypes', 90],
  ['pluginassemblies', 91], ['sdkmessageprocessingsteps', 92], ['serviceendpoints', 95],
  ['canvasapps', 300], ['connectors', 371],
]);

/** Folders modelled on their own (or not components at all): never added as kinds. */
const MODELLED = new Set(['workflows', 'modernflows', 'connectionreferences', 'environmentvariabledefinitions', 'publishers', 'solutions']);

/** One '@path' of solutioncomponents.yml with the span of its entry. */
export interface ListedComponent {
  path: string;
  span: Span;
}

/** Kinds that rules treat as consumers of references and variables FlowCop cannot look into. */
const NEWER_COMPONENT = 10000;

/**
 * One RootComponent per listed folder whose kind is not already among `existing`: classic folders by
 * their type, any other folder (bots/, botcomponents/, botcomponent_*set/, aiplugins/, …) as a newer
 * component (type 10000 and up, as Dataverse numbers them). Connection references, environment
 * variable definitions, publishers and flows are never added: they are modelled on their own.
 */
export function componentKindsFromPaths(paths: ListedComponent[], file: SourceFile, existing: RootComponent[], modelledFolders: ReadonlySet<string>): RootComponent[] {
  const have = new Set(existing.map(c => c.type));
  const out: RootComponent[] = [];
  for (const { path, span } of paths) {
    const parts = path.replace(/\\/g, '/').split('/').filter(Boolean);
    const folder = parts[0]?.toLowerCase();
    // A flow, reference or variable FlowCop read (a desktop flow may sit in any folder) is not unknown.
    if (!folder || MODELLED.has(folder) || modelledFolders.has(parts.join('/').toLowerCase())) continue;
    const type = CLASSIC_TYPES.get(folder) ?? NEWER_COMPONENT;
    if (have.has(type)) continue;
    have.add(type);
    out.push({ type, schemaName: parts.slice(1).join('/') || undefined, loc: { file, span } });
  }
  return out;
}
