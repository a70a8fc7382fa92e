// The floor of the benchmark: read and parse every file of a tree with the libraries FlowCop uses, and
// nothing else (no discovery rules, no models, no findings). Run as a child process, like the CLI, so
// both pay the same start-up. Prints { files, bytes } as JSON.
//   node scripts/bench/floor.mjs DIR
import AdmZip from 'adm-zip';
import { XMLParser } from 'fast-xml-parser';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';

const xml = new XMLParser({ ignoreAttributes: false });
const utf8 = new TextDecoder('utf-8');

/** Parses one file's bytes by its extension; a .zip's entries are parsed the same way. */
function parseBytes(name, bytes) {
  const ext = path.extname(name).toLowerCase();
  if (ext === '.zip') {
    for (const entry of new AdmZip(Buffer.from(bytes)).getEntries()) if (!entry.isDirectory) parseBytes(entry.entryName, entry.getData());
    return;
  }
  const text = utf8.decode(bytes).replace(/^\uFEFF/, '');
  if (ext === '.json') JSON.parse(text);
  else if (ext === '.xml' || ext === '.cdsproj') xml.parse(text);
  else if (ext === '.yml' || ext === '.yaml') parseYaml(text);
  // Scripts and anything else: decoding the text is all the floor does.
}

let files = 0;
let bytes = 0;
const walk = dir => {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(p);
    else if (entry.isFile()) {
      const content = fs.readFileSync(p);
      parseBytes(entry.name, content);
      files++;
      bytes += content.length;
    }
  }
};
walk(path.resolve(process.argv[2]));
console.log(JSON.stringify({ files, bytes }));
