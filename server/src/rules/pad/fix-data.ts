// What the desktop-flow rules' findings carry for the fixes they offer.

export interface PadFixData {
  /** A literal secret or secret input becomes a Get credential action (fix/pad-credential.ts). */
  'get-credential': Record<string, unknown>;
  /** A variable joins @SENSITIVE (fix/pad.ts). */
  'mark-sensitive': Record<string, unknown>;
  /** A literal becomes a flow input fed from an environment variable by the calling cloud flows (fix/pad.ts). */
  'script-input': Record<string, unknown>;
}
