// The client's settings (flowcop.*), as sent in initializationOptions or pulled with workspace/configuration:
// anything missing or of the wrong type falls back to the default.
import type { ClientSettings } from './protocol';

export const DEFAULT_SETTINGS: ClientSettings = { enable: true, rulesCustomizations: [], getCredentialTemplate: '' };

export function normalizeSettings(s: Partial<ClientSettings>): ClientSettings {
  return {
    enable: s.enable !== false,
    rulesCustomizations: Array.isArray(s.rulesCustomizations) ? s.rulesCustomizations : [],
    getCredentialTemplate: typeof s.getCredentialTemplate === 'string' ? s.getCredentialTemplate : '',
  };
}

/** The settings in the `flowcop` section as workspace/configuration returns it (`rules.customizations` nested). */
export function settingsFromSection(raw: Record<string, unknown>): Partial<ClientSettings> {
  const rules = raw.rules as { customizations?: ClientSettings['rulesCustomizations'] } | undefined;
  return { enable: raw.enable as boolean, rulesCustomizations: rules?.customizations ?? [], getCredentialTemplate: raw.getCredentialTemplate as string };
}
