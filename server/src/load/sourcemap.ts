// Maps offsets in a decoded script to offsets in the file that stores it, and back.
// A script stored in a <Definition> element has each character encoded as one or more file
// characters (`&gt;`, `\\r`, `\\\\`…); runs of one-to-one characters are kept as single segments.
import type { SourceMap } from '../model/types';
import type { Span } from '../util/text';

export type { SourceMap } from '../model/types';


/** A script that is the file (a .robin or .txt file). */
export class IdentityMap implements SourceMap {
  readonly fileSpan: Span;
  constructor(readonly scriptLength: number) {
    this.fileSpan = { start: 0, end: scriptLength };
  }
  toFile(o: number): number { return clamp(o, 0, this.scriptLength); }
  toFileSpan(s: Span): Span { return { start: this.toFile(s.start), end: this.toFile(s.end) }; }
  toScript(o: number): number { return clamp(o, 0, this.scriptLength); }
  toScriptSpan(s: Span): Span { return { start: this.toScript(s.start), end: this.toScript(s.end) }; }
}

/**
 * Segment i maps script [scriptStart[i], scriptStart[i+1]) to file characters starting at
 * fileStart[i]. A segment is either a run of one-to-one characters (width 1 each) or a single
 * escaped character whose encoding is `width[i]` file characters long.
 */
export class SegmentMap implements SourceMap {
  // Typed arrays, sized exactly in a counting pass: a script made only of escapes has one segment
  // per character, and number[] arrays grown by push cost ~3x more per segment.
  readonly scriptStart: Int32Array;
  readonly fileStart: Int32Array;
  readonly width: Int32Array;
  readonly fileSpan: Span;
  readonly scriptLength: number;

  /**
   * @param charStarts file offset of each script character, plus one final entry: the file
   *   offset just past the last character.
   */
  constructor(charStarts: ArrayLike<number>) {
    const n = charStarts.length - 1;
    this.scriptLength = Math.max(0, n);
    this.fileSpan = { start: n >= 0 ? charStarts[0] : 0, end: n >= 0 ? charStarts[n] : 0 };
    const count = forEachSegment(charStarts, n, () => undefined);
    this.scriptStart = new Int32Array(count + 1);
    this.fileStart = new Int32Array(count + 1);
    this.width = new Int32Array(count + 1);
    let k = 0;
    forEachSegment(charStarts, n, (i, w) => {
      this.scriptStart[k] = i;
      this.fileStart[k] = charStarts[i];
      this.width[k++] = w;
    });
    // Sentinel: the end of the script.
    this.scriptStart[k] = this.scriptLength;
    this.fileStart[k] = this.fileSpan.end;
    this.width[k] = 0;
  }

  toFile(o: number): number {
    o = clamp(o, 0, this.scriptLength);
    const k = upperBound(this.scriptStart, o) - 1;
    const seg = Math.max(0, k);
    const within = o - this.scriptStart[seg];
    // Within an escape segment only offset 0 exists (the segment is one character long).
    return this.fileStart[seg] + (this.width[seg] === 1 ? within : 0);
  }

  toFileSpan(s: Span): Span {
    return { start: this.toFile(s.start), end: this.toFile(s.end) };
  }

  toScript(f: number): number {
    if (f <= this.fileSpan.start) return 0;
    if (f >= this.fileSpan.end) return this.scriptLength;
    let k = Math.max(0, upperBound(this.fileStart, f) - 1);
    // Several characters can start at one file offset (an entity for a surrogate pair): the first wins.
    if (f === this.fileStart[k]) k = Math.min(k, upperBound(this.fileStart, f - 1));
    const within = f - this.fileStart[k];
    if (this.width[k] === 1) return this.scriptStart[k] + within;
    return this.scriptStart[k];
  }

  /**
   * The map of the script after script [from, to) was replaced by characters whose encodings are `widths`
   * file characters long, stored at file offset `this.toFile(from)` (an edit typed into a decoded-script
   * editor). Equals the map a fresh decoding of the edited file builds: runs of one-to-one characters merge.
   */
  spliced(from: number, to: number, widths: ArrayLike<number>): SegmentMap {
    from = clamp(from, 0, this.scriptLength);
    to = clamp(to, from, this.scriptLength);
    const fileFrom = this.toFile(from);
    let inserted = 0;
    for (let i = 0; i < widths.length; i++) inserted += widths[i];
    const scriptShift = widths.length - (to - from);
    const fileShift = inserted - (this.toFile(to) - fileFrom);
    const last = this.scriptStart.length - 1;
    // Segments starting before `from` are kept as they are; those from the one holding `to` on are moved.
    const before = lowerBound(this.scriptStart, from, last);
    const after = to < this.scriptLength ? Math.max(0, upperBound(this.scriptStart, to) - 1) : last;
    const out = new SegmentBuilder(before + widths.length + (last - after) + 1);
    out.copy(this, 0, before, 0, 0);
    let file = fileFrom;
    for (let i = 0; i < widths.length; i++) {
      out.push(from + i, file, widths[i]);
      file += widths[i];
    }
    if (after < last) {
      // The segment holding `to`: an escape starts there; a run may have started before it.
      out.push(to + scriptShift, this.toFile(to) + fileShift, this.width[after]);
      out.copy(this, after + 1, last, scriptShift, fileShift);
    }
    const n = out.length;
    const map = Object.create(SegmentMap.prototype) as { -readonly [K in 'scriptStart' | 'fileStart' | 'width' | 'scriptLength' | 'fileSpan']: SegmentMap[K] };
    map.scriptLength = this.scriptLength + scriptShift;
    map.fileSpan = n ? { start: this.fileSpan.start, end: this.fileSpan.end + fileShift } : { start: this.fileSpan.start, end: this.fileSpan.start };
    // Sentinel: the end of the script.
    out.push(map.scriptLength, map.fileSpan.end, 0);
    [map.scriptStart, map.fileStart, map.width] = out.arrays();
    return map as SegmentMap;
  }

  toScriptSpan(s: Span): Span {
    const start = this.toScript(s.start);
    // Round the end outwards: a file offset inside an escape covers that whole character.
    let end = this.toScript(s.end);
    if (end < this.scriptLength && this.toFile(end) < s.end) end++;
    return { start, end: Math.max(start, end) };
  }
}

/**
 * Builds a SegmentMap while a decoder emits script characters in order, without a per-character
 * array: the same segments `new SegmentMap(charStarts)` would build (a character's width is known
 * once the next one starts, so the last character waits).
 */
export class SegmentMapBuilder {
  /** Script characters emitted so far. */
  length = 0;
  private segments = new SegmentBuilder(16);
  private firstStart = -1;
  private lastStart = -1;

  /** Appends one character whose encoding starts at file offset `fileStart`. */
  char(fileStart: number): void {
    if (this.length) this.segments = this.segments.pushGrowing(this.length - 1, this.lastStart, fileStart - this.lastStart);
    else this.firstStart = fileStart;
    this.lastStart = fileStart;
    this.length++;
  }

  /** Appends `count` characters stored one-to-one from file offset `fileStart` on. */
  run(fileStart: number, count: number): void {
    if (count <= 0) return;
    this.char(fileStart);
    if (count === 1) return;
    this.segments = this.segments.pushGrowing(this.length - 1, fileStart, 1);
    this.lastStart = fileStart + count - 1;
    this.length += count - 1;
  }

  /** Drops the characters from `length` on; `end` becomes the file offset just past the last one kept. */
  truncate(length: number): void {
    if (length >= this.length) return;
    if (length <= 0) { this.segments.length = 0; this.length = 0; this.firstStart = -1; return; }
    const lastKept = this.startOf(length - 1);
    const segs = this.segments;
    while (segs.length && segs.scriptStartAt(segs.length - 1) >= length - 1) segs.length--;
    this.lastStart = lastKept;
    this.length = length;
  }

  /** The file offset where script character `i` (< length) starts. */
  startOf(i: number): number {
    if (i === this.length - 1) return this.lastStart;
    return this.segments.fileOffsetOf(i);
  }

  /** The map; `end` is the file offset just past the last character. */
  finish(end: number): SegmentMap {
    if (this.length) this.segments = this.segments.pushGrowing(this.length - 1, this.lastStart, end - this.lastStart);
    const map = Object.create(SegmentMap.prototype) as { -readonly [K in 'scriptStart' | 'fileStart' | 'width' | 'scriptLength' | 'fileSpan']: SegmentMap[K] };
    map.scriptLength = this.length;
    map.fileSpan = { start: this.length ? this.firstStart : end, end };
    // Sentinel: the end of the script.
    this.segments = this.segments.pushGrowing(this.length, end, 0, true);
    [map.scriptStart, map.fileStart, map.width] = this.segments.arrays();
    return map as SegmentMap;
  }
}

/** The typed arrays of a map, segment by segment (see SegmentMap.spliced). */
class SegmentBuilder {
  length = 0;
  private readonly scriptStart: Int32Array;
  private readonly fileStart: Int32Array;
  private readonly width: Int32Array;
  constructor(capacity: number) {
    this.scriptStart = new Int32Array(capacity);
    this.fileStart = new Int32Array(capacity);
    this.width = new Int32Array(capacity);
  }

  /** Appends a segment; a one-to-one character after a run of them extends the run (the file is contiguous there). */
  push(scriptStart: number, fileStart: number, width: number): void {
    const n = this.length;
    if (width === 1 && n && this.width[n - 1] === 1) return;
    this.scriptStart[n] = scriptStart;
    this.fileStart[n] = fileStart;
    this.width[n] = width;
    this.length = n + 1;
  }

  /** Appends segments [from, to) of a map, moved by the shifts (the first may extend the last run). */
  copy(map: SegmentMap, from: number, to: number, scriptShift: number, fileShift: number): void {
    if (from >= to) return;
    this.push(map.scriptStart[from] + scriptShift, map.fileStart[from] + fileShift, map.width[from]);
    const at = this.length;
    const end = at + to - from - 1;
    this.scriptStart.set(map.scriptStart.subarray(from + 1, to), at);
    this.fileStart.set(map.fileStart.subarray(from + 1, to), at);
    this.width.set(map.width.subarray(from + 1, to), at);
    if (scriptShift || fileShift) {
      for (let k = at; k < end; k++) {
        this.scriptStart[k] += scriptShift;
        this.fileStart[k] += fileShift;
      }
    }
    this.length = end;
  }

  /** Like push, in a builder twice as large when this one is full (returns the builder to use next). */
  pushGrowing(scriptStart: number, fileStart: number, width: number, always = false): SegmentBuilder {
    const n = this.length;
    if (!always && width === 1 && n && this.width[n - 1] === 1) return this;
    let out: SegmentBuilder = this;
    if (n === this.scriptStart.length) {
      out = new SegmentBuilder(n * 2);
      out.scriptStart.set(this.scriptStart);
      out.fileStart.set(this.fileStart);
      out.width.set(this.width);
      out.length = n;
    }
    out.scriptStart[n] = scriptStart;
    out.fileStart[n] = fileStart;
    out.width[n] = width;
    out.length = n + 1;
    return out;
  }

  scriptStartAt(k: number): number {
    return this.scriptStart[k];
  }

  /** The file offset of script character `i`, which a segment before `length` holds. */
  fileOffsetOf(i: number): number {
    const k = Math.max(0, upperBound(this.scriptStart.subarray(0, this.length), i) - 1);
    return this.fileStart[k] + (this.width[k] === 1 ? i - this.scriptStart[k] : 0);
  }

  arrays(): [Int32Array, Int32Array, Int32Array] {
    return [this.scriptStart.subarray(0, this.length), this.fileStart.subarray(0, this.length), this.width.subarray(0, this.length)];
  }
}

/** Calls `segment(firstChar, width)` for each segment; returns how many there are. */
function forEachSegment(charStarts: ArrayLike<number>, n: number, segment: (i: number, width: number) => void): number {
  let count = 0;
  let i = 0;
  while (i < n) {
    const w = charStarts[i + 1] - charStarts[i];
    segment(i, w);
    count++;
    i++;
    if (w === 1) {
      while (i < n && charStarts[i + 1] - charStarts[i] === 1) i++;
    }
  }
  return count;
}

/** The first index below `hi` whose value is at least `value`. */
function lowerBound(arr: Int32Array, value: number, hi: number): number {
  let lo = 0;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function upperBound(arr: Int32Array, value: number): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (arr[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function clamp(v: number, lo: number, hi: number): number {
  return v < lo ? lo : v > hi ? hi : v;
}
