import type { ArticleExtraction } from '../../extract/types.ts';

/** One JSON Lines record of `dossier extract --json`, in the documented shape. */
export function extractionJson(x: ArticleExtraction): unknown {
  return {
    file: x.file,
    published: x.published,
    people: x.people.map((p) => ({
      name: p.name,
      aliases: p.aliases,
      roles: p.roles.map((r) => r.text),
      mentions: p.mentions.map((m) => ({ start: m.start, end: m.end, text: m.text })),
    })),
    quotes: x.quotes.map((q) => ({
      start: q.start, end: q.end, text: q.text, speaker: q.speaker, speakerStart: q.speakerStart, speakerEnd: q.speakerEnd,
    })),
    times: x.times.map((t) => ({ start: t.start, end: t.end, text: t.text, type: t.type, value: t.value })),
    events: x.events.map((e) => ({ date: e.date, precision: e.precision, start: e.start, end: e.end, text: e.text })),
  };
}
