// What the cloud-flow rules' findings carry for the fixes they offer.

export interface CloudFixData {
  /** A literal becomes an environment variable read through a workflow parameter (fix/cloud.ts). */
  'environment-variable': Record<string, unknown>;
  /** A literal secret becomes a Secret environment variable read at run time (fix/cloud.ts). */
  'secret-environment-variable': Record<string, unknown>;
  /** secureData of an action's inputs/outputs gets what is missing (fix/cloud.ts). */
  'secure-data': Record<string, unknown>;
}
