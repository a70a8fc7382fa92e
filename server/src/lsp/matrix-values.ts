// What a matrix cell shows of a value, and what a "set" action suggests. A secret's value is never shown
// nor suggested: a Secret variable's settings value shows what it is (a Key Vault reference, an incomplete
// one, a placeholder, a pipeline token) or "(secret)"; a variable that holds a secret otherwise shows
// "(secret)" for anything but a pipeline token.
import { secretSpansInValue } from '../analysis/shared/secret-parts';
import { environmentOfValue, isPipelineToken } from '../analysis/shared/values';
import { secretValueShape } from '../analysis/settings/secret-reference';
import { SECRET_TEXT } from './model';

/** Longer values are cut for the table (a JSON variable can hold kilobytes). */
const MAX_SHOWN = 300;

/**
 * A Secret variable's settings value is an Azure Key Vault secret reference (the resource id Microsoft
 * documents; see docs/rules/settings/import-failure.md): the suggestion is its template, to fill in.
 */
export const KEY_VAULT_TEMPLATE = '/subscriptions/<subscription-id>/resourceGroups/<resource-group>/providers/Microsoft.KeyVault/vaults/<vault-name>/secrets/<secret-name>';

function cut(value: string): string {
  return value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN - 1)}…` : value;
}

/** How a value is shown: itself, or (secret) what it is. `secretKind`: a Secret variable; `secret`: holds one. */
export function shownValue(value: string, secret: boolean, secretKind = false): string {
  if (!value.trim()) return '';
  if (secretKind) {
    switch (secretValueShape(value)) {
      case 'key-vault-resource-id':
      case 'key-vault-uri': return 'Key Vault reference';
      case 'malformed-reference': return 'Key Vault reference (incomplete)';
      case 'placeholder': return /key ?vault/i.test(value) ? 'Key Vault placeholder' : 'placeholder';
      case 'pipeline-token': return isPipelineToken(value) ? cut(value.trim()) : SECRET_TEXT;
      default: return SECRET_TEXT;
    }
  }
  if (secret || secretSpansInValue(value).length) return isPipelineToken(value) ? cut(value.trim()) : SECRET_TEXT;
  return cut(value);
}

/** What shownValue gives a value already known to hold no secret part (of a variable that holds no secret). */
export function shownPlainValue(value: string): string {
  return value.trim() ? cut(value) : '';
}

/**
 * What a "set" action offers to start from: a Secret's Key Vault reference template; the definition's
 * default when it names no other environment than the column's stage; else nothing. Never a secret.
 */
export function suggestedValue(options: { secretKind: boolean; secret: boolean; defaultValue?: string; stage?: 'dev' | 'test' | 'prod' }): string {
  if (options.secretKind) return KEY_VAULT_TEMPLATE;
  const def = options.defaultValue?.trim();
  if (options.secret || !def || secretSpansInValue(def).length) return '';
  const names = environmentOfValue(def);
  return !names || names.stage === options.stage ? def : '';
}

/** A non-blank value (pipeline tokens included: the pipeline fills them in). */
export function hasValue(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.trim() !== '';
}
