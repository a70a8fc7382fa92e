// Packed solutions: "Unpack Solution Zip..." extracts a solution .zip safely into the raw layout; "Lint
// Solution Zip..." asks the server to lint it in memory. The archive is judged whole before anything is
// written (server/src/fix/unpack-plan.ts: names, links, duplicates, entry count, total size, compression
// ratio, a target that is or passes through a link) and written through the fix engine's write gate as
// one transaction (server/src/fix/unpack.ts). This file only re-exports them for the extension.
export { DEFAULT_UNPACK_LIMITS, planExtraction, unsafeEntry } from '../../server/src/fix/unpack-plan';
export type { ExtractionPlan, Refusal, UnpackLimits, ZipEntryInfo } from '../../server/src/fix/unpack-plan';
export { extract, isSolutionZip, readZipEntries } from '../../server/src/fix/unpack';
