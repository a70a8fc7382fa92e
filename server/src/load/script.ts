// Builds a Script (decoded text + parse tree + position map) from any storage.
import type { Script, ScriptStorage } from '../model/types';
import type { SourceFile } from '../util/text';
import type { EncodingStyle } from './definition';
import type { ScriptAst } from '../model/pad-ast';
import { parseScript } from './pad/parser';
import { IdentityMap, SourceMap } from './sourcemap';

export function makeScript(options: { text: string; file: SourceFile; storage: ScriptStorage; map?: SourceMap; style?: EncodingStyle; ast?: ScriptAst }): Script {
  const ast = options.ast ?? parseScript(options.text);
  // A designer clipboard copy cannot carry the header, @SENSITIVE, @INPUT/@OUTPUT or FUNCTION lines.
  const clipboard = options.storage === 'file'
    && ast.headers.length === 0 && !ast.sensitive && ast.declarations.length === 0 && ast.functions.length === 0;
  return {
    text: options.text,
    file: options.file,
    storage: options.storage,
    map: options.map ?? new IdentityMap(options.text.length),
    style: options.style,
    ast,
    clipboard,
  };
}
