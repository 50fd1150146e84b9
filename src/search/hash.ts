/**
 * FNV-1a (32-bit) over the UTF-16 code units of `text.slice(start, end)`, without making the
 * slice. Used by the index build's term table and the query workers' `SeenBefore`.
 */
export function fnv1a(text: string, start = 0, end = text.length): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i += 1) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
