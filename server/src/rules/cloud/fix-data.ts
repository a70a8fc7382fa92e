// What the cloud-flow rules' findings carry for the fixes they offer: exactly what fix/cloud.ts reads.
// The literal itself is found from the finding's span; the data only names and places it.

export interface CloudFixData {
  /** A literal becomes an environment variable read through a workflow parameter (fix/cloud.ts). */
  'environment-variable': {
    /** What the literal is (`sharepoint-list`, `unc`, `url`, `server`…): names the new variable. */
    kind: string;
    /** JSON pointer of the string value holding the literal: names the variable when the kind does not. */
    parameter: string;
  };
  /** A literal secret becomes a Secret environment variable read at run time (fix/cloud.ts). */
  'secret-environment-variable': {
    /** What the secret is (`password`, `API key`, `client secret`…): names the new variable. */
    secret: string;
  };
  /** secureData of an action's inputs/outputs gets what is missing (fix/cloud.ts). */
  'secure-data': {
    /** The action's name (the finding's span is its key; the name finds it when the span does not). */
    action: string;
    /** The secureData properties to add. */
    missing: Array<'inputs' | 'outputs'>;
  };
}
