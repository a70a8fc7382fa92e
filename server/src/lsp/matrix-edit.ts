// flowcop/matrixEdit: the minimal text edits a matrix action makes to a deployment settings file — add an
// entry (to the end of EnvironmentVariables / ConnectionReferences, creating the list if need be), replace
// a value, remove an entry with its comma, rename an entry. Every other byte stays: the file's indentation
// (fix/append.ts measures it), line endings, the spelling of its keys; the BOM is outside the text edited.
// Pure: from the text the server holds to LSP TextEdits. A value for a secret is never written as text nor
// quoted in an error.
import { secretSpansInValue } from '../analysis/shared/secret-parts';
import { secretValueShape } from '../analysis/settings/secret-reference';
import { jsonSlot, renderSlot } from '../fix/append';
import { JsonNode, parseJson, propIgnoreCase, span } from '../load/json';
import type { EnvironmentVariableKind } from '../model/types';
import { computeLineStarts, positionInText, Span } from '../util/text';
import type { MatrixEditParams, MatrixEditResult } from './protocol';

export type TextEdits = NonNullable<MatrixEditResult['edits']>;

/** What the edited entry is for, as the solution defines it. */
export interface EditTarget {
  /** The variable (after a rename: the one it is renamed to), when the solution defines it. */
  variable?: { kind: EnvironmentVariableKind; holdsSecret: boolean };
  /** The reference's connector: a new entry carries its ConnectorId, as `pac solution create-settings` writes. */
  connectorId?: string;
}

const KEYS = {
  environmentVariable: { list: 'EnvironmentVariables', name: 'SchemaName', value: 'Value' },
  connectionReference: { list: 'ConnectionReferences', name: 'LogicalName', value: 'ConnectionId' },
} as const;

const ACCEPTED_SECRET_SHAPES = new Set(['key-vault-resource-id', 'key-vault-uri', 'pipeline-token']);

/** Why a value must not be written (never quoting it), or undefined. */
function valueProblem(value: unknown, target: EditTarget): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return 'a value is needed: an empty value fails the import (remove the entry to keep a default value)';
  if (target.variable?.kind === 'Secret') {
    if (/[<>]/.test(value)) return 'fill in the <…> parts of the Key Vault reference first';
    if (!ACCEPTED_SECRET_SHAPES.has(secretValueShape(value))) {
      return 'a Secret environment variable takes an Azure Key Vault secret reference (/subscriptions/…/resourceGroups/…/providers/Microsoft.KeyVault/vaults/…/secrets/…) or a pipeline token (#{…}#); the value given is neither, and it was not written';
    }
    return undefined;
  }
  if (secretSpansInValue(value).length) return 'the value holds a secret (a password, a key or a token), and it was not written: keep it in Azure Key Vault and give a Secret environment variable its reference';
  return undefined;
}

/** How the file spells a key (`schemaName`, `SchemaName`), from its entries; else as pac writes it. */
function spelling(entries: readonly JsonNode[], canonical: string): string {
  for (const e of entries) {
    for (const p of e.children ?? []) {
      const k = p.children?.[0]?.value;
      if (typeof k === 'string' && k.toLowerCase() === canonical.toLowerCase()) return k;
    }
  }
  return canonical;
}

/** The property node (key and value) of `key` in an object, case-insensitively. */
function propertyIgnoreCase(node: JsonNode, key: string): JsonNode | undefined {
  return node.children?.find(p => typeof p.children?.[0]?.value === 'string' && (p.children[0].value as string).toLowerCase() === key.toLowerCase());
}

export function matrixEdits(text: string, params: MatrixEditParams, target: EditTarget, fileName: string): { edits: TextEdits } | { error: string } {
  const parsed = parseJson(text);
  const lineStarts = computeLineStarts(text);
  const at = (offset: number) => positionInText(lineStarts, text.length, offset);
  if (parsed.problems.length || !parsed.root) {
    const p = parsed.problems[0];
    const where = p ? at(p.offset) : { line: 0, character: 0 };
    return { error: `${fileName}:${where.line + 1}:${where.character + 1}: ${p?.message ?? 'not JSON'}; correct the file first` };
  }
  const root = parsed.root;
  if (root.type !== 'object') return { error: `${fileName} is not a deployment settings file (its JSON is not an object)` };
  const keys = KEYS[params.kind];
  const listProperty = propertyIgnoreCase(root, keys.list);
  const list = listProperty?.children?.[1];
  if (list && list.type !== 'array') return { error: `${fileName}: ${keys.list} is not a list` };
  const entries = (list?.children ?? []).filter(n => n.type === 'object');
  const nameOf = (e: JsonNode) => propIgnoreCase(e, keys.name);
  const find = (name: string) => entries.find(e => {
    const n = nameOf(e);
    return n?.type === 'string' && (n.value as string).toLowerCase() === name.toLowerCase();
  });
  const entry = find(params.name);
  const edit = (s: Span, newText: string): { edits: TextEdits } => ({ edits: [{ range: { start: at(s.start), end: at(s.end) }, newText }] });
  const what = `${params.kind === 'environmentVariable' ? 'environment variable' : 'connection reference'} "${params.name}"`;

  if (params.action === 'remove') {
    if (!entry || !list) return { error: `${fileName} has no entry for ${what}` };
    const items = list.children ?? [];
    const i = items.indexOf(entry);
    // With its comma: the one after it, or (the last entry) the one before it; the only entry leaves `[]`.
    if (items.length === 1) return edit({ start: list.offset + 1, end: list.offset + list.length - 1 }, '');
    if (i < items.length - 1) return edit({ start: entry.offset, end: items[i + 1].offset }, '');
    const before = items[i - 1];
    return edit({ start: before.offset + before.length, end: entry.offset + entry.length }, '');
  }

  if (params.action === 'rename') {
    const newName = params.newName;
    if (typeof newName !== 'string' || !newName.trim()) return { error: 'a new name is needed' };
    const name = entry && nameOf(entry);
    if (!entry || !name) return { error: `${fileName} has no entry for ${what}` };
    const other = find(newName);
    if (other && other !== entry) return { error: `${fileName} already has an entry for "${newName}": remove one of them instead` };
    return edit(span(name), JSON.stringify(newName));
  }

  const problem = valueProblem(params.value, target);
  if (problem) return { error: `${what} in ${fileName}: ${problem}` };
  const value = params.value as string;
  if (entry) {
    const valueProperty = propertyIgnoreCase(entry, keys.value);
    const valueNode = valueProperty?.children?.[1];
    if (valueNode) return edit(span(valueNode), JSON.stringify(value));
    const slot = jsonSlot(text, `json:/${keys.list}/${params.name}`, 'object', entry);
    return edit(slot.span, renderSlot(slot.slot, [slot.item(value, spelling(entries, keys.value))]));
  }
  const item: Record<string, string> = { [spelling(entries, keys.name)]: params.name, [spelling(entries, keys.value)]: value };
  if (params.kind === 'connectionReference' && target.connectorId) item[spelling(entries, 'ConnectorId')] = target.connectorId;
  const slot = jsonSlot(text, `json:/${keys.list}`, 'array', list, { parent: root, key: keys.list });
  return edit(slot.span, renderSlot(slot.slot, [slot.item(item)]));
}
