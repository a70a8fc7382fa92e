// Regenerates test/eval-holdout/tree, labels.json and negatives.json.
//   npx esbuild test/eval-holdout/generator/main.ts --bundle --platform=node --outfile=/tmp/holdout-gen.cjs
//   node /tmp/holdout-gen.cjs test/eval-holdout
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectLabels, setTreeRoot } from './lib';
import { build as fabrikam } from './fabrikam';
import { build as northbank } from './northbank';
import { build as contoso } from './contoso';
import { build as tailspin } from './tailspin';
import { build as woodgrove } from './woodgrove';
import { build as scripts } from './scripts';
import { build as litwareYaml } from './litware-yaml';
import { build as fabrikamPackage } from './fabrikam-package';
import { build as adatumV1 } from './adatum-v1';
import { build as adatumCustoms } from './adatum-customs';

const out = path.resolve(process.argv[2] ?? 'test/eval-holdout');
const tree = path.join(out, 'tree');
fs.rmSync(tree, { recursive: true, force: true });
setTreeRoot(tree);
fabrikam();
northbank();
contoso();
tailspin();
woodgrove();
scripts();
litwareYaml();
fabrikamPackage();
adatumV1();
adatumCustoms();
const { labels, negatives } = collectLabels();
fs.writeFileSync(path.join(out, 'labels.json'), JSON.stringify(labels, null, 2) + '\n');
fs.writeFileSync(path.join(out, 'negatives.json'), JSON.stringify(negatives, null, 2) + '\n');
console.log(`${labels.length} labels, ${negatives.length} traps`);
