// The fixes a rule can offer, each with the finding data it reads. A rule lists its kinds
// (`defineRule({ fixes: [...] })`); the fix engine implements each kind once (fix/providers.ts).
import type { CloudFixData } from './cloud/fix-data';
import type { PadFixData } from './pad/fix-data';

export interface FixData extends PadFixData, CloudFixData {}

export type FixKind = keyof FixData;
