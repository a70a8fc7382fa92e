// The JSON schema of flowcop.json, built from the rules' metadata so the two never drift apart.
// scripts/gen-schema.mjs writes it to schemas/flowcop.schema.json; a test checks it is current.
import type { OptionSchema, Rule } from '../rules/rule';
import { DOCS_BASE_URL } from '../util/package';

const LEVEL = { $ref: '#/definitions/level' };

function optionSchema(o: OptionSchema): Record<string, unknown> {
  const base = o.type === 'string[]' ? { type: 'array', items: { type: 'string' } } : { type: o.type };
  return { ...base, description: o.description, default: o.default };
}

/** The properties of one `environments` entry. */
const environmentProps = {
  settings: { type: 'string', description: 'Path of the deployment settings file.' },
  file: { type: 'string', description: 'Path of the deployment settings file (the older name of "settings").' },
  solution: { type: 'string', description: 'Unique name of the solution it belongs to.' },
  url: { type: 'string', pattern: '^[Hh][Tt][Tt][Pp][Ss]://', description: 'The Dataverse URL of the environment (https://contoso.crm.dynamics.com).' },
  id: { type: 'string', pattern: '^(Default-)?[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$', description: 'The Power Platform environment id (a GUID).' },
};
/** An entry names a settings file, a URL or an id (or several). */
const ENVIRONMENT_NEEDS = [{ required: ['settings'] }, { required: ['file'] }, { required: ['url'] }, { required: ['id'] }];

export function configSchema(rules: readonly Rule[]): Record<string, unknown> {
  const ruleProps: Record<string, unknown> = {};
  for (const r of [...rules].sort((a, b) => (a.meta.id < b.meta.id ? -1 : 1))) {
    const description = `${r.meta.description} Defaults to '${r.meta.defaultSeverity}'. See ${DOCS_BASE_URL}${r.meta.id}.md`;
    const options = r.meta.options
      ? { type: 'object', properties: Object.fromEntries(Object.entries(r.meta.options).map(([k, o]) => [k, optionSchema(o)])), additionalProperties: false }
      : { type: 'object', maxProperties: 0 };
    ruleProps[r.meta.id] = {
      description,
      oneOf: [
        LEVEL,
        { type: 'array', items: [LEVEL, options], minItems: 1, maxItems: 2, additionalItems: false },
        { type: 'object', properties: { level: LEVEL, options }, additionalProperties: false },
      ],
    };
  }
  const stringList = (description: string) => ({ type: 'array', items: { type: 'string' }, description });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://github.com/flowcop/flowcop/blob/main/schemas/flowcop.schema.json',
    title: 'FlowCop configuration (flowcop.json)',
    description: 'Rule levels and options, environments, ignores and allow lists for FlowCop. The nearest flowcop.json above a linted file applies.',
    type: 'object',
    properties: {
      $schema: { type: 'string' },
      rules: {
        type: 'object',
        description: 'Rule id → level ("off", "info", "warning", "error"), or [level, options].',
        properties: ruleProps,
        additionalProperties: false,
      },
      environments: {
        description: 'Per environment: its deployment settings file (for names FlowCop does not discover by itself) and the Dataverse environment it stands for (url, id), which VS Code compares with the pac CLI\'s active environment. Paths are relative to this file and must stay inside the linted folder (symbolic links resolved); others are refused (flowcop/parse-error).',
        oneOf: [
          {
            type: 'object',
            additionalProperties: {
              oneOf: [
                { type: 'string', description: 'Path of the settings file.' },
                { type: 'object', properties: environmentProps, anyOf: ENVIRONMENT_NEEDS, additionalProperties: false },
              ],
            },
          },
          {
            type: 'array',
            items: { type: 'object', properties: { name: { type: 'string' }, ...environmentProps }, required: ['name'], anyOf: ENVIRONMENT_NEEDS, additionalProperties: false },
          },
        ],
      },
      ignore: {
        type: 'array',
        description: 'Glob patterns of files and folders to leave out, or findings to ignore by rule, flow, action/element and file.',
        items: {
          oneOf: [
            { type: 'string', description: 'Glob, relative to this file (`**` any folders, `*` within a name).' },
            {
              type: 'object',
              properties: {
                rule: { type: 'string', description: 'Rule id, or `dir/*`.' },
                flow: { type: 'string', description: 'Cloud or desktop flow name, or script file name.' },
                action: { type: 'string', description: 'Cloud-flow action name.' },
                element: { type: 'string', description: 'Action, variable, input or component name.' },
                variable: { type: 'string', description: 'Desktop-flow variable name.' },
                file: { type: 'string', description: 'Glob of files, relative to this file.' },
                reason: { type: 'string', description: 'Why this is accepted (kept for reviewers).' },
              },
              additionalProperties: false,
              minProperties: 1,
            },
          ],
        },
      },
      allow: {
        type: 'object',
        description: 'Values that are never environment-specific or hardcoded in this repository.',
        properties: {
          hosts: stringList('Host names (`contoso.com`) or suffixes (`*.contoso.com`).'),
          paths: stringList('Path prefixes (`C:\\\\Program Files\\\\`).'),
          machines: stringList('Machine or server names.'),
        },
        additionalProperties: false,
      },
      organizationDomains: stringList('Domains that are the organisation\'s own (`contoso.com`, `contoso.co.uk`): an address on them is environment-specific even without a stage marker. FlowCop also learns them from the solution\'s mailboxes and tenant names.'),
      identities: {
        type: 'object',
        description: 'The naming convention of the identities each environment runs under (settings/environment-bleed, settings/shared-connection, settings/single-identity).',
        properties: {
          roles: {
            type: 'object',
            description: 'Role name → account pattern; `<env>` (exactly once) is the environment part, `*` any characters but `@` and blanks, matched case-insensitively against the whole account. Replaces the built-in roles bot `<env>-rpa-bot@*`, machineOwner `<env>-rpa-machineowner@*` and cloud `<env>-rpa-cloud@*`; `{}` turns the convention off.',
            additionalProperties: { type: 'string', pattern: '<env>' },
          },
        },
        additionalProperties: false,
      },
      policies: {
        type: 'array',
        description: 'Data-policy (DLP) exports the dlp/ rules evaluate, relative to this file: a path, or {file, environments} to apply it only to those environments. `flowcop lint --policy FILE` adds one for a run.',
        items: { anyOf: [{ type: 'string' }, { type: 'object', properties: { file: { type: 'string' }, environments: { type: 'array', items: { type: 'string' } } }, required: ['file'], additionalProperties: false }] },
      },
      pipelines: {
        type: 'array',
        description: 'Deployment pipeline files to read besides those found by convention (.github/workflows/*.yml, azure-pipelines*.yml, *.yml under pipelines/, .pipelines/ or deploy/, scripts that call pac): paths or globs relative to this file (`**` any folders, `*` within a name), each a .yml, .yaml, .ps1, .sh, .cmd or .bat file inside the linted folder. A path that does not exist, leads outside, or a glob that matches no pipeline file is a flowcop/parse-error.',
        items: { type: 'string', minLength: 1 },
      },
      getCredentialTemplate: {
        type: 'string',
        description: 'Script text of the Get credential action inserted by the quick fix; `${credential}` is the credential name and `${variable}` the output variable. It must be exactly one PowerAutomateSecretVariables.GetCredential action (no other statements); otherwise it is refused and the built-in template is used. VS Code ignores it in Restricted Mode.',
      },
    },
    additionalProperties: false,
    definitions: { level: { enum: ['off', 'info', 'warning', 'error'] } },
  };
}
