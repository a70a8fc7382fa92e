// Masks secret text wherever a line of output shows it, whole or in part: a secret that spans several
// lines (a private key) is masked line by line; any piece of 8 or more characters of a secret's secret
// part (the password of a connection string, not its server) is masked wherever it appears (a fix that
// moved half of a key, a value re-encoded); the JSON- and XML-escaped forms are masked too, as files show
// them. Callers may add ranges of a line they know to be secret (by position).
import type { Span } from './text';

export const MASK = '••••••';

/** A piece this long of a secret is masked wherever it appears. */
const GRAM = 8;
/** Shorter secret lines are masked only where they appear whole, and not at all below this length. */
const MIN_PIECE = 3;

/** XML text (`&`, `<`, `>`), and attribute values (quotes too). */
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const xmlAttribute = (s: string) => xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;');

/** The forms a secret may take in a file, each split into its lines. */
function piecesOf(secret: string): string[] {
  const json = JSON.stringify(secret).slice(1, -1);
  // A desktop flow's script is a JSON string inside XML: both escapes at once.
  const forms = new Set([secret, json, xmlText(secret), xmlAttribute(secret), xmlText(json), xmlAttribute(json)]);
  const out: string[] = [];
  for (const form of forms) {
    // Split at real line breaks, and (separately) at escaped ones too: both are ways files show it.
    for (const splitter of [/\r\n|\r|\n/, /\r\n|\r|\n|\\r\\n|\\n|\\r|&#x?[dDaA];|&#1[03];/]) {
      for (const line of form.split(splitter)) {
        const piece = line.trim();
        // Punctuation alone (`'''`, `-----`) is no secret and would mask half the file.
        if (piece.length >= MIN_PIECE && /[A-Za-z0-9]/.test(piece)) out.push(piece);
      }
    }
  }
  return out;
}

export class SecretMasker {
  private readonly grams = new Set<string>();
  private readonly pieces: string[] = [];

  /**
   * `secrets`: texts never to show (secret literals, perhaps with non-secret parts around the secret);
   * `secretParts`: where the secret parts of such a text are (none: all of it is secret).
   */
  constructor(secrets: Iterable<string>, secretParts: (text: string) => Span[] = () => []) {
    const pieces = new Set<string>();
    for (const secret of secrets) {
      if (!secret) continue;
      for (const piece of piecesOf(secret)) pieces.add(piece);
      const parts = secretParts(secret);
      for (const part of parts.length ? parts.map(p => secret.slice(p.start, p.end)) : [secret]) {
        for (const piece of piecesOf(part)) for (let i = 0; i + GRAM <= piece.length; i++) this.grams.add(piece.slice(i, i + GRAM));
      }
    }
    // Longest first, so a longer piece is masked before a shorter one inside it.
    this.pieces = [...pieces].sort((a, b) => b.length - a.length);
  }

  get empty(): boolean {
    return this.grams.size === 0 && this.pieces.length === 0;
  }

  /** The line with every secret part, and every range in `known` ([from, to) in the line), replaced by one MASK per run. */
  mask(line: string, known: readonly Span[] = []): string {
    if (!line || (this.empty && !known.length)) return line;
    let marks: Uint8Array | undefined;
    const mark = (from: number, to: number) => {
      if (to <= from) return;
      marks ??= new Uint8Array(line.length);
      marks.fill(1, Math.max(0, from), Math.min(line.length, to));
    };
    for (const k of known) mark(k.start, k.end);
    if (this.grams.size && line.length >= GRAM) {
      for (let i = 0; i + GRAM <= line.length; i++) if (this.grams.has(line.slice(i, i + GRAM))) mark(i, i + GRAM);
    }
    for (const piece of this.pieces) {
      for (let at = line.indexOf(piece); at >= 0; at = line.indexOf(piece, at + piece.length)) mark(at, at + piece.length);
    }
    if (!marks) return line;
    let out = '';
    for (let i = 0; i < line.length;) {
      if (!marks[i]) { out += line[i++]; continue; }
      out += MASK;
      while (i < line.length && marks[i]) i++;
    }
    return out;
  }
}
