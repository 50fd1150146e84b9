/**
 * A string table for binary snapshot sections: every distinct string once, joined into one UTF-8
 * blob with the end offset of each (in UTF-16 code units of the decoded text), so reading it back
 * is one UTF-8 decode and a slice per string. Records refer to strings by index; -1 is null.
 */

/** Collects strings and hands out their indexes (the same string always gets the same index). */
export class StringTableWriter {
  private readonly index = new Map<string, number>();
  private readonly list: string[] = [];

  /** The index of `s` (added on first sight); -1 for null. */
  id(s: string | null): number {
    if (s === null) return -1;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }

  /** The table's two sections: `text` (UTF-8) and `ends` (Uint32 end offsets). */
  encode(): { text: Uint8Array; ends: Uint8Array } {
    const ends = new Uint32Array(this.list.length);
    let at = 0;
    this.list.forEach((s, i) => {
      at += s.length;
      ends[i] = at;
    });
    return { text: Buffer.from(this.list.join(''), 'utf8'), ends: bytesOf(ends) };
  }
}

/** Reads a table written by StringTableWriter; throws on a table that does not add up. */
export function readStringTable(text: Uint8Array, ends: Uint8Array): string[] {
  const joined = Buffer.from(text.buffer, text.byteOffset, text.byteLength).toString('utf8');
  const offsets = int32View(ends, 'string table offsets');
  const out = new Array<string>(offsets.length);
  let at = 0;
  for (let i = 0; i < offsets.length; i += 1) {
    const end = offsets[i] ?? -1;
    if (end < at || end > joined.length) throw new Error('string table offsets out of range');
    out[i] = joined.slice(at, end);
    at = end;
  }
  if (at !== joined.length) throw new Error('string table length does not match its offsets');
  return out;
}

/** The bytes of a typed array (no copy). */
export function bytesOf(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

/** An Int32Array over a section's bytes (in place when aligned, else copied); throws on a ragged length. */
export function int32View(bytes: Uint8Array, what: string): Int32Array {
  if (bytes.byteLength % 4 !== 0) throw new Error(`${what}: length is not a multiple of 4 bytes`);
  if (bytes.byteOffset % 4 === 0) return new Int32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
  return new Int32Array(new Uint8Array(bytes).buffer);
}
