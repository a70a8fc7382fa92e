// Every fuzz target, for the unit tests (fixed seed, few runs) and scripts/fuzz.mjs (many runs).
import { jsonModifyTarget } from './fix-targets';
import { definitionRoundTripTarget, definitionTarget, sourceMapTarget } from './map-targets';
import type { AnyTarget } from './target';
import { decodeTarget, jsonTarget, scriptTarget, settingsTarget, xmlEscapeTarget, xmlTarget } from './text-targets';
import { pipelineTarget, zipTarget } from './tree-targets';

export { runCampaign, runProperty, measureGrowth } from './target';

/** `large`: the campaign sizes (huge strings up to 1 MB, nesting up to 20,000); otherwise npm-test sizes. */
export function fuzzTargets(large = false): AnyTarget[] {
  return [
    scriptTarget, xmlTarget, xmlEscapeTarget, jsonTarget, settingsTarget, decodeTarget, definitionTarget, definitionRoundTripTarget, sourceMapTarget, zipTarget, jsonModifyTarget,
    pipelineTarget(large ? { maxHuge: 1_000_000, maxDepth: 20_000, maxMutations: 6 } : { maxHuge: 50_000, maxDepth: 8_000, maxMutations: 4 }),
  ];
}
