// A v1 desktop flow's package (`properties.definition.package`): a base64 zip of script.robin and its
// companions, as Power Automate Desktop writes it. Project-written.
import AdmZip from 'adm-zip';

/** A package as Power Automate Desktop writes it: UTF-16LE files with a BOM, CRLF, two empty repositories. */
export function packageOf(script: string, options: { bom?: boolean; entries?: Record<string, Buffer> } = {}): string {
  const zip = new AdmZip();
  const utf16 = (text: string) => Buffer.concat([Buffer.from(options.bom === false ? [] : [0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
  if (!options.entries) {
    zip.addFile('script.robin', utf16(script));
    zip.addFile('flow.manifest', utf16(JSON.stringify({ Version: '2.0', ScriptVersion: 1, PowerFxEnabled: false })));
    zip.addFile('controlRepo.appmask', Buffer.alloc(0));
    zip.addFile('imageRepo.imgrepo', Buffer.alloc(0));
  } else {
    for (const [name, bytes] of Object.entries(options.entries)) zip.addFile(name, bytes);
  }
  return zip.toBuffer().toString('base64');
}
