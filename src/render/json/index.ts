import type { Answer } from '../../domain/answer.ts';
import type { Citation } from '../../domain/types.ts';

/**
 * The CLI's `--json` contract. Citations carry exactly: article, passage, title, publisher,
 * published, url, excerpt (verbatim text of that passage).
 */
export function citationJson(c: Citation): Record<string, unknown> {
  return { article: c.article, passage: c.passage, title: c.title, publisher: c.publisher, published: c.published, url: c.url, excerpt: c.excerpt };
}

export function answerJson(answer: Answer): unknown {
  switch (answer.kind) {
    case 'search':
      return { query: answer.query, results: answer.results.map((r) => ({ score: round(r.score), citation: citationJson(r.citation) })) };
    case 'sources':
      return { articles: answer.articles.map((a) => ({ id: a.id, title: a.title, author: a.author, publisher: a.publisher, published: a.published, url: a.url, passages: a.passages })) };
    case 'help':
      return { commands: answer.commands };
    case 'who': {
      const p = answer.person;
      return {
        query: answer.query,
        person: p && {
          name: p.name, aliases: p.aliases,
          roles: p.roles.map((r) => ({ text: r.text, citation: citationJson(r.citation) })),
          mentions: p.mentions, articles: p.articles.map((a) => a.id),
          citations: p.citations.map(citationJson), related: p.related,
        },
        candidates: answer.candidates,
      };
    }
    case 'quote':
      return { quotes: answer.quotes.map((q) => ({ text: q.text, speaker: q.speaker, date: q.date, citations: q.citations.map(citationJson) })) };
    case 'timeline':
      return { events: answer.events.map((e) => ({ date: e.date, precision: e.precision, summary: e.summary, citations: e.citations.map(citationJson) })) };
    case 'brief':
      return {
        title: answer.title,
        topic: answer.topic,
        since: answer.since,
        from: answer.from,
        to: answer.to,
        points: answer.points.map((p) => ({ text: p.text, citations: p.citations.map(citationJson) })),
        people: answer.people.map((p) => ({ name: p.name, mentions: p.mentions, roles: p.roles.map((r) => ({ text: r.text, citation: citationJson(r.citation) })) })),
        quotes: answer.quotes.map((q) => ({ text: q.text, speaker: q.speaker, date: q.date, citations: q.citations.map(citationJson) })),
        events: answer.events.map((e) => ({ date: e.date, precision: e.precision, summary: e.summary, citations: e.citations.map(citationJson) })),
        sources: answer.sources.map((a) => ({ id: a.id, title: a.title, author: a.author, publisher: a.publisher, published: a.published, url: a.url, passages: a.passages })),
        sourcesTotal: answer.sourcesTotal,
      };
    case 'corpus': {
      const { kind: _kind, ...rest } = answer;
      return rest;
    }
    case 'schedule':
      return { action: answer.action, guildId: answer.guildId, schedules: answer.schedules };
  }
}

export function renderJson(answer: Answer): string {
  return `${JSON.stringify(answerJson(answer), null, 2)}\n`;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
