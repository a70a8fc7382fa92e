// What a deployment settings value given to a Secret environment variable is: the import takes an Azure
// Key Vault reference and refuses anything else ("The value provided as a secret reference does not match
// a valid secret reference format"). Shared by settings/import-failure (placeholders, malformed
// references, empty strings) and solution/secret-env-var-as-text (plain secret values: a credential).
import { isPipelineToken, isPlaceholderSecret } from '../shared/values';

export type SecretValueShape =
  /** `/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.KeyVault/vaults/<vault>/secrets/<name>`: what Microsoft documents. */
  | 'key-vault-resource-id'
  /** `https://<vault>.vault.azure.net/secrets/<name>[/<version>]`: reported accepted by Power Platform Pipelines (not in Microsoft's docs). */
  | 'key-vault-uri'
  /** A `#{…}#`, `$(…)`, `${{…}}` or `__…__` token the pipeline replaces before the import. */
  | 'pipeline-token'
  /** `""` or blanks. */
  | 'empty'
  /** `@KeyVault(vaultName=…;secretName=…)`, `<secret>`, `${SECRET}`, `TODO`, `changeme`…: a template nobody filled in. */
  | 'placeholder'
  /** Meant as a Key Vault reference but not one: a resource id missing a part, a vault URL without `/secrets/`. */
  | 'malformed-reference'
  /** Anything else: the secret itself, written in the file. */
  | 'plain';

/** Each part stops at `/`: linear. */
const KEY_VAULT_RESOURCE_ID = /^\/subscriptions\/[^/\s]+\/resourcegroups\/[^/\s]+\/providers\/microsoft\.keyvault\/vaults\/[^/\s]+\/secrets\/[^/\s]+(?:\/[^/\s]+)?\/?$/i;
/** The secret identifier of a vault in the public or a sovereign cloud; vault names are 3–24 letters, digits and hyphens. */
const KEY_VAULT_URI = /^https:\/\/[a-z][a-z0-9-]{1,22}[a-z0-9]\.vault\.(?:azure\.net|azure\.cn|usgovcloudapi\.net|microsoftazure\.de)\/secrets\/[A-Za-z0-9-]{1,127}(?:\/[0-9a-f]{32})?\/?$/i;
/** Looks like an attempt at a reference: the ARM provider, a `/subscriptions/` path, a vault host or a `/secrets/` URL path. */
const REFERENCE_LIKE = /^\/subscriptions\/|microsoft\.keyvault|\.vault\.azure\.|^https?:\/\/[^/\s]+\/secrets\//i;

export function secretValueShape(value: string): SecretValueShape {
  const v = value.trim();
  if (v === '') return 'empty';
  if (isPipelineToken(v)) return 'pipeline-token';
  if (KEY_VAULT_RESOURCE_ID.test(v)) return 'key-vault-resource-id';
  if (KEY_VAULT_URI.test(v)) return 'key-vault-uri';
  // A token inside the value (`/subscriptions/#{sub}#/…` is matched above): the pipeline completes it.
  if (holdsToken(v)) return 'pipeline-token';
  if (REFERENCE_LIKE.test(v)) return 'malformed-reference';
  if (isPlaceholderSecret(v)) return 'placeholder';
  return 'plain';
}

/** A `#{…}#`, `$(…)` or `${{…}}` token somewhere in the text (found with indexOf: linear). */
function holdsToken(text: string): boolean {
  const hash = text.indexOf('#{');
  if (hash >= 0 && text.indexOf('}#', hash + 2) > 0) return true;
  const dollar = text.indexOf('$(');
  if (dollar >= 0 && text.indexOf(')', dollar + 2) > 0) return true;
  const braces = text.indexOf('${{');
  return braces >= 0 && text.indexOf('}}', braces + 3) > 0;
}
