import { WordSet, hasNonAscii } from './words';

// Desktop-flow action modules. Used to tell an enum value (`System.ProcessWindowStyle.Maximized`) from a
// property chain on a variable (`Obj.a.b`), and a condition action in parentheses without arguments from
// a parenthesised expression. Sources: the 2022 module catalogue (rpa-cli modules.json) plus modules seen
// in newer public flows and the PAD action knowledge base.
const MODULES = [
  'ActiveDirectory', 'AWS', 'Azure', 'Clipboard', 'Cmd', 'GoogleCognitive', 'IBMCognitive', 'MicrosoftCognitive',
  'Compression', 'Cryptography', 'CyberArk', 'Database', 'DateTime', 'Display', 'Email', 'Excel', 'Exchange', 'File',
  'Folder', 'FTP', 'MouseAndKeyboard', 'OCR', 'Outlook', 'Pdf', 'Services', 'System', 'Scripting', 'Workstation',
  'External', 'TerminalEmulation', 'Text', 'UIAutomation', 'Variables', 'Web', 'WebAutomation', 'XML',
  'Conditionals', 'Loops', 'FlowControl',
  // Newer modules (PAD 2.3x and later)
  'Logging', 'WorkQueues', 'PowerAutomateEnvironment', 'PowerAutomateSecretVariables', 'PGP', 'Word', 'PowerPoint',
  'Access', 'SAP',
];

const LOWER = new Set(MODULES.map(m => m.toLowerCase()));
const UPPER = new WordSet(MODULES.map(m => m.toUpperCase()));

/** Case-insensitive: PAD accepts `file.ifexists.overwrite`. */
export function isKnownModule(name: string): boolean {
  return LOWER.has(name.toLowerCase());
}

/** isKnownModule of `text[start, end)`, without slicing it (module names are ASCII: case is compared on char codes). */
export function isKnownModuleAt(text: string, start: number, end: number): boolean {
  if (hasNonAscii(text, start, end)) return isKnownModule(text.slice(start, end));
  return UPPER.findAscii(text, start, end) !== undefined;
}
