// The linear scanners that replaced super-linear patterns (issue 9) find exactly what the patterns
// found: each is compared with the former regular expression on short random texts built from the
// characters that matter to it (fast-check, fixed seed). The former patterns are copied here as the
// reference; on short texts their cost does not matter.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { findPaths, findStructuredSecrets, parseConnectionString } from '../../server/src/analysis/shared/values';
import { findJwts, findUserInfo, taggedBlocks } from '../../server/src/analysis/shared/scan';
import { nameWords } from '../../server/src/analysis/shared/vocabulary';

const RUNS = { seed: 9, numRuns: 2000 };
const textOf = (pieces: string[], maxLength = 24) => fc.array(fc.constantFrom(...pieces), { maxLength }).map(p => p.join(''));

test('findPaths: drive and UNC paths as the former PATH_BODY pattern found them', () => {
  const PATH_BODY = String.raw`(?:(?!\s+(?:[A-Za-z]:[\\/]|\\\\|\/[A-Za-z?]|--?[A-Za-z]))[^\r\n"'<>|?*%;])*`;
  const DRIVE = new RegExp(String.raw`(?<![A-Za-z0-9])[A-Za-z]:[\\/]` + PATH_BODY, 'g');
  const UNC = new RegExp(String.raw`(?<![\\A-Za-z0-9])\\\\([A-Za-z0-9_.$-]+)\\` + PATH_BODY, 'g');
  const reference = (text: string) => {
    const out: Array<{ kind: string; start: number; end: number; path: string; server?: string }> = [];
    for (const m of text.matchAll(UNC)) {
      const path = m[0].replace(/[\s.,;:)]+$/, '');
      if (/[%{]/.test(m[1])) continue;
      out.push({ kind: 'unc', start: m.index!, end: m.index! + path.length, path, server: m[1] });
    }
    for (const m of text.matchAll(DRIVE)) {
      const path = m[0].replace(/[\s.,;:)]+$/, '');
      if (out.some(o => m.index! >= o.start && m.index! < o.end)) continue;
      const kind = /^[A-Za-z]:[\\/](users|documents and settings)[\\/](?!(public|default|default user|all users)([\\/]|$))[^\\/]+/i.test(path) ? 'user-profile' : 'drive';
      out.push({ kind, start: m.index!, end: m.index! + path.length, path });
    }
    return out.sort((a, b) => a.start - b.start);
  };
  const text = textOf(['C:', 'd:', '\\', '/', '\\\\', 'srv', 'a', ' ', '  ', '\t', '\n', '-', '--', '-x', '/x', '/?', '.', ',', ';', ')', '%', '"', 'Users', 'Public', 'x:', '1']);
  fc.assert(fc.property(text, t => assert.deepEqual(findPaths(t).map(p => ({ ...p })), reference(t), JSON.stringify(t))), RUNS);
});

test('parseConnectionString: pairs as the former pattern found them', () => {
  const reference = (text: string) => {
    const parts: Array<{ key: string; value: string; start: number; end: number }> = [];
    for (const m of text.matchAll(/(?:^|;)\s*([A-Za-z][A-Za-z0-9 _.-]*?)\s*=\s*("[^"]*"|'[^']*'|[^;]*)/g)) {
      const raw = m[2];
      const valueStart = m.index! + m[0].length - raw.length;
      const quoted = /^["']/.test(raw);
      const value = quoted ? raw.slice(1, -1) : raw.trimEnd();
      parts.push({ key: m[1].trim(), value, start: valueStart + (quoted ? 1 : 0), end: valueStart + (quoted ? 1 : 0) + value.length });
    }
    return parts.length >= 2 ? parts : [];
  };
  const text = textOf(['Server', 'pwd', 'a', 'B1', ' ', '\t', '\n', '=', ';', '"', "'", '_', '.', '-', 'x y', '9']);
  fc.assert(fc.property(text, t => assert.deepEqual(parseConnectionString(t), reference(t), JSON.stringify(t))), RUNS);
});

test('findJwts: tokens as the former pattern found them', () => {
  const reference = (text: string) => [...text.matchAll(/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g)].map(m => ({ start: m.index!, end: m.index! + m[0].length }));
  const text = textOf(['eyJ', 'abcd', 'abcdefgh', '-', '_', '.', ' ', 'x', '0'], 30);
  fc.assert(fc.property(text, t => assert.deepEqual(findJwts(t), reference(t), JSON.stringify(t))), RUNS);
  assert.equal(findStructuredSecrets('Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl').length, 1);
});

test('findUserInfo: user:password@ as the former cloud and desktop-flow patterns found them', () => {
  const cloud = (text: string) => [...text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/([^\s/@:'"<>\u0000]+):([^\s/@'"<>]+)@/gi)].map(m => ({ index: m.index!, user: m[1], password: m[2], end: m.index! + m[0].length }));
  const pad = (text: string) => [...text.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/([^\s/@:'"<>]*):([^\s/@'"<>]+)@/gi)].map(m => ({ index: m.index!, user: m[1], password: m[2], end: m.index! + m[0].length }));
  const text = textOf(['https', 'a', 'B', '1', '+', '.', '-', '_', '://', ':', '@', '/', ' ', '"', '\u0000', 'u', 'p']);
  fc.assert(fc.property(text, t => {
    assert.deepEqual(findUserInfo(t, "/@:'\"<>\u0000", "/@'\"<>", false), cloud(t), JSON.stringify(t));
    assert.deepEqual(findUserInfo(t, "/@:'\"<>", "/@'\"<>", true), pad(t), JSON.stringify(t));
  }), RUNS);
});

test('taggedBlocks and nameWords: as the former patterns found them', () => {
  const blocks = (text: string) => [...text.matchAll(/<parentdefinitionid>([\s\S]*?)<\/parentdefinitionid>/gi)].map(m => m[1]);
  const tags = textOf(['<parentdefinitionid>', '</parentdefinitionid>', '<ParentDefinitionId>', 'a', '<', '>', '/']);
  fc.assert(fc.property(tags, t => assert.deepEqual(taggedBlocks(t, 'parentdefinitionid'), blocks(t), JSON.stringify(t))), RUNS);
  const words = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2').toLowerCase().split(/[^a-z0-9]+|(?<=[a-z])(?=[0-9])/).filter(Boolean);
  const names = textOf(['A', 'B', 'a', 'b', '1', '_', 'API', 'Key', 'x'], 12);
  fc.assert(fc.property(names, n => assert.deepEqual(nameWords(n), words(n), n)), RUNS);
});

test('the desktop-flow query pattern with its key-start lookbehind finds the same pairs', () => {
  const text = textOf(['a', 'b', '=', '&', '#', '?', ' ', '%']);
  fc.assert(fc.property(text, t => {
    const before = [...t.matchAll(/([^&=#?]+)=([^&#]*)/g)].map(m => [m.index, m[1], m[2]]);
    const after = [...t.matchAll(/(?<![^&=#?])([^&=#?]+)=([^&#]*)/g)].map(m => [m.index, m[1], m[2]]);
    assert.deepEqual(after, before, JSON.stringify(t));
  }), RUNS);
});
