// What the desktop-flow rules' findings carry for the fixes they offer: exactly the fields each fix
// reads from `finding.data` (the rules may add others for reports).

/** A literal secret or a secret input becomes a Get credential action (fix/pad-credential.ts). */
export interface GetCredentialData {
  /** The variable the secret is stored in or passed as: the credential is named after it. */
  variable?: string;
  /** The finding is about a secret input (its name or its literal default): the fix replaces that input, or offers nothing. */
  secretInput?: true;
}

/** A variable joins @SENSITIVE (fix/pad.ts). */
export interface MarkSensitiveData {
  /** The variable to mark; the finding's span is where its name is written. */
  variable: string;
}

/** A literal becomes a flow input fed from an environment variable by the calling cloud flows (fix/pad.ts). */
export interface ScriptInputData {
  /** What the literal is, for the new input's description and name. */
  valueKind: 'url' | 'machine' | 'path';
}

export interface PadFixData {
  'get-credential': GetCredentialData;
  'mark-sensitive': MarkSensitiveData;
  'script-input': ScriptInputData;
}
