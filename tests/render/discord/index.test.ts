import { describe, expect, it } from 'vitest';
import type { Answer, SearchAnswer, SourcesAnswer } from '../../../src/domain/answer.ts';
import type { Citation } from '../../../src/domain/types.ts';
import {
  clampChoices, clampMessage, decodePageState, encodePageState, escapeMarkdown, LIMITS, renderDiscord, renderNotice, type MessageBody,
} from '../../../src/render/discord/index.ts';
import { truncateWords } from '../../../src/render/discord/limits.ts';
import { servicesFor } from '../../../src/app.ts';
import { sampleLibrary } from '../../support/library.ts';
import { specProblems } from '../../support/discord-stand-in-spec.ts';

const CORPUS = { articles: 2, passages: 40, version: 'abcd1234' };

function cite(excerpt: string, over: Partial<Citation> = {}): Citation {
  return {
    article: 'a1', passage: 'a1#p3', title: 'Talks resume', author: null, publisher: 'Example News', published: '2026-02-07',
    url: 'https://news.example/talks', excerpt, paragraph: 3, cutBefore: false, cutAfter: false, ...over,
  };
}

/** What Discord shows for escaped markdown: a backslash before punctuation disappears. */
function unescape(text: string): string {
  return text.replace(/\\([^\p{L}\p{N}\s])/gu, '$1');
}

function description(body: MessageBody): string {
  return body.embeds?.[0]?.description ?? '';
}

function expectValid(body: MessageBody): void {
  expect(specProblems('callback', { type: 4, data: body })).toEqual([]);
}

function words(n: number, word = 'enrichment'): string {
  return Array.from({ length: n }, (_, i) => `${word}${i}`).join(' ');
}

describe('renderDiscord', () => {
  it('renders a search over the sample corpus as block quotes with numbered, linked citations and a corpus footer', async () => {
    const library = await sampleLibrary();
    const answer = servicesFor(library).search({ query: 'enrichment', limit: 3 });
    expect(answer.results.length).toBeGreaterThan(0);
    const { body } = renderDiscord(answer, { corpus: { articles: library.articles.length, passages: library.passages.length, version: library.version } });
    const text = description(body);
    expect(text).toMatch(/^> /m);
    expect(text).toContain('**[1]**');
    expect(text).toMatch(/\*\*enrichment\*\*/i);
    expect(body.embeds?.[0]?.footer?.text).toContain(`${library.passages.length} passages`);
    expect(body.embeds?.[0]?.footer?.text).toContain(library.version);
    expect(body.flags).toBe(64);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expectValid(body);
  });

  it('escapes markdown and mention syntax so the source words show exactly', () => {
    const source = '**Not bold** _nor_ ~~struck~~ `code` ||spoiler|| <@&123> <@456> @everyone @here [link](https://x.example) > quote\n# heading\n- item\n1. first';
    const answer: SearchAnswer = { kind: 'search', query: 'x', results: [{ score: 1, citation: cite(source), highlights: [] }] };
    const text = description(renderDiscord(answer, { corpus: CORPUS }).body);
    const quoted = text.split('\n').filter((l) => l.startsWith('> ')).map((l) => l.slice(2)).join('\n');
    expect(unescape(quoted)).toBe(source);
    expect(quoted).not.toMatch(/(^|[^\\])<@/);
    expect(quoted).not.toMatch(/(^|[^\\])@everyone/);
    expect(quoted).not.toMatch(/(^|[^\\])\*\*/);
  });

  it('bolds highlighted search terms without unbalancing the escaping', () => {
    const excerpt = 'Uranium *enrichment* talks';
    const answer: SearchAnswer = { kind: 'search', query: 'enrichment', results: [{ score: 1, citation: cite(excerpt), highlights: [{ start: 9, end: 19 }] }] };
    const text = description(renderDiscord(answer, { corpus: CORPUS }).body);
    expect(text).toContain('> Uranium \\***enrichment**\\* talks');
  });

  it('cuts long excerpts at word boundaries with "…" and never separates a quote from its citation', () => {
    const results = Array.from({ length: 10 }, (_, i) => ({ score: 1, citation: cite(words(900), { paragraph: i + 1 }), highlights: [] }));
    const answer: SearchAnswer = { kind: 'search', query: 'enrichment', results };
    let seen = 0;
    for (let page = 0; ; page += 1) {
      const rendered = renderDiscord(answer, { corpus: CORPUS, page, source: { command: 'search', options: { query: 'enrichment' } } });
      expectValid(rendered.body);
      const blocks = description(rendered.body).split('\n\n');
      for (const block of blocks) {
        const lines = block.split('\n');
        expect(lines[0]).toMatch(/^> /);
        expect(lines[0]).toMatch(/enrichment\d+ …$/);
        expect(lines[1]).toMatch(/^\*\*\[\d+\]\*\* \[Talks resume\]\(https:\/\/news\.example\/talks\) — Example News, 7 Feb 2026, ¶\d+$/);
        seen += 1;
      }
      if (page === rendered.pages - 1) break;
    }
    expect(seen).toBe(10);
  });

  it('pages long answers with Previous/Next buttons whose custom_id holds the command, options and page', () => {
    const articles = Array.from({ length: 23 }, (_, i) => ({ id: `a${i}`, title: `Article ${i}`, author: null, publisher: 'Pub', published: null, url: null, passages: 2 }));
    const answer: SourcesAnswer = { kind: 'sources', articles, passages: 46 };
    const first = renderDiscord(answer, { corpus: CORPUS, source: { command: 'sources', options: {} } });
    expect(first.pages).toBe(3);
    const buttons = first.body.components?.[0]?.components ?? [];
    expect(buttons.map((b) => ('label' in b ? b.label : ''))).toEqual(['Previous', 'Next']);
    expect(buttons[0] && 'disabled' in buttons[0] ? buttons[0].disabled : false).toBe(true);
    const next = buttons[1] && 'custom_id' in buttons[1] ? decodePageState(buttons[1].custom_id) : null;
    expect(next).toEqual({ command: 'sources', page: 1, options: {} });
    const second = renderDiscord(answer, { corpus: CORPUS, page: 1, source: { command: 'sources', options: {} } });
    expect(description(second.body)).toContain('**[11]**');
    expect(second.body.embeds?.[0]?.footer?.text).toContain('page 2 of 3');
    expectValid(second.body);
  });

  it('leaves the buttons out, and says so, when the options cannot fit in a custom_id', () => {
    const articles = Array.from({ length: 23 }, (_, i) => ({ id: `a${i}`, title: `Article ${i}`, author: null, publisher: null, published: null, url: null, passages: 1 }));
    const rendered = renderDiscord({ kind: 'sources', articles, passages: 23 }, { corpus: CORPUS, source: { command: 'sources', options: { query: 'x'.repeat(120) } } });
    expect(rendered.body.components).toEqual([]);
    expect(rendered.body.embeds?.[0]?.footer?.text).toContain('shorter options');
  });

  it('shows the answer to everyone only when asked', () => {
    const answer: Answer = { kind: 'help', commands: [{ name: 'search', description: 'Find', usage: '/search query:…' }] };
    expect(renderDiscord(answer, { corpus: CORPUS, ephemeral: false }).body.flags).toBeUndefined();
    expect(renderDiscord(answer, { corpus: CORPUS }).body.flags).toBe(64);
  });

  it('renders who, quote and timeline answers, found and empty, within the spec', () => {
    const c = cite('He said the talks were a “good start”.');
    const answers: Answer[] = [
      { kind: 'who', query: 'araqchi', person: { name: 'Abbas Araqchi', aliases: ['Araqchi'], roles: [{ text: 'Foreign Minister', citation: c }], mentions: 4, articles: [{ id: 'a1', title: 'T' }], citations: [c, c], related: [{ name: 'Badr al-Busaidi', count: 2 }] }, candidates: [] },
      { kind: 'who', query: 'nobody', person: null, candidates: [{ name: 'Nobody Known' }] },
      { kind: 'quote', speaker: 'Abbas Araqchi', topic: 'talks', quotes: [{ text: 'good start', speaker: 'Abbas Araqchi', date: '2026-02-06', citations: [c] }] },
      { kind: 'quote', speaker: null, topic: 'zzz', quotes: [] },
      { kind: 'timeline', topic: 'talks', from: '2025', to: null, events: [{ date: '2025-06', precision: 'month', summary: 'The June 2025 conflict.', citations: [c] }] },
      { kind: 'timeline', topic: null, from: null, to: null, events: [] },
    ];
    for (const answer of answers) {
      const { body } = renderDiscord(answer, { corpus: CORPUS });
      expectValid(body);
      expect(description(body).length).toBeGreaterThan(0);
    }
    const who = description(renderDiscord(answers[0]!, { corpus: CORPUS }).body);
    expect(who).toContain('• Foreign Minister\n**[1]**');
    expect(who).toContain('**[3]**');
    expect(description(renderDiscord(answers[2]!, { corpus: CORPUS }).body)).toContain('> “good start”');
    expect(description(renderDiscord(answers[1]!, { corpus: CORPUS }).body)).toContain('Did you mean: Nobody Known?');
  });

  it('reads the citations of a timeline page and of the events before it, not of later pages', () => {
    const read = new Set<number>();
    const events = Array.from({ length: 12 }, (_, i) => ({
      date: `2025-01-${String(i + 1).padStart(2, '0')}`, precision: 'day' as const, summary: `Event ${i}.`,
      get citations(): Citation[] {
        read.add(i);
        return [cite(`Event ${i}.`), cite(`Event ${i} again.`)];
      },
    }));
    const answer: Answer = { kind: 'timeline', topic: null, from: null, to: null, events };
    const first = renderDiscord(answer, { corpus: CORPUS, page: 0 });
    expect([...read].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(description(first.body)).toContain('12 events.');
    read.clear();
    // Page 2: its events are numbered after the labels of the five before (two each: [11] first).
    const second = description(renderDiscord(answer, { corpus: CORPUS, page: 1 }).body);
    expect(second).toContain('**[11]**');
    expect(second).not.toContain('**[10]**');
    expect(Math.max(...read)).toBe(9);
    expectValid(first.body);
  });

  it('links only http(s) urls and keeps a hostile title inside its link', () => {
    const answer: SearchAnswer = { kind: 'search', query: 'x', results: [
      { score: 1, citation: cite('a', { url: 'javascript:alert(1)', title: 'Evil](https://phish.example)' }), highlights: [] },
      { score: 1, citation: cite('b', { url: 'https://x.example/a (b)' }), highlights: [] },
    ] };
    const text = description(renderDiscord(answer, { corpus: CORPUS }).body);
    expect(text).not.toContain('javascript:');
    expect(text).toContain('*Evil\\](https://phish.example)*');
    expect(text).toContain('(https://x.example/a%20%28b%29)');
  });
});

describe('limits', () => {
  it('clamps every message limit in one place', () => {
    const huge = 'word '.repeat(3000);
    const body = clampMessage({
      content: huge,
      embeds: Array.from({ length: 12 }, () => ({ title: huge, description: huge, footer: { text: huge }, fields: Array.from({ length: 30 }, () => ({ name: huge, value: huge })) })),
      components: Array.from({ length: 7 }, (_, r) => ({ type: 1, components: Array.from({ length: 7 }, (_, b) => ({ type: 2, style: 2, label: huge, custom_id: `${r}-${b}-${'x'.repeat(200)}` })) })),
    });
    expect(body.content.length).toBeLessThanOrEqual(LIMITS.content);
    expect(body.embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
    expect(specProblems('callback', { type: 4, data: body })).toEqual([]);
  });

  it('gives at most 25 distinct autocomplete choices of 1 to 100 characters', () => {
    const choices = clampChoices([
      ...Array.from({ length: 40 }, (_, i) => ({ name: `${'Name '.repeat(30)}${i}`, value: `v${i}` })),
      { name: 'x', value: 'y'.repeat(101) },
    ]);
    expect(choices).toHaveLength(25);
    expect(specProblems('callback', { type: 8, data: { choices } })).toEqual([]);
    expect(clampChoices([{ name: 'a', value: 'same' }, { name: 'b', value: 'same' }, { name: ' ', value: 'z' }])).toEqual([{ name: 'a', value: 'same' }]);
  });

  it('cuts at word boundaries and never leaves a dangling escape', () => {
    expect(truncateWords('alpha beta gamma', 12)).toBe('alpha beta…');
    expect(truncateWords('short', 10)).toBe('short');
    expect(truncateWords('ab \\*cd', 5)).toBe('ab…');
    expect(truncateWords(escapeMarkdown('a **b** c d e f g'), 9)).not.toMatch(/(^|[^\\])\\…$/);
  });

  it('round-trips page state and rejects anything malformed', () => {
    const id = encodePageState({ command: 'search', page: 2, options: { query: 'US sanctions', limit: 10, public: true } });
    expect(id).not.toBeNull();
    expect(decodePageState(id!)).toEqual({ command: 'search', page: 2, options: { query: 'US sanctions', limit: 10 } });
    for (const bad of ['', 'pg:', 'pg:{}', 'pg:["search",-1,{}]', 'pg:["search",1,{"a":{}}]', 'other:1', `pg:${'x'.repeat(120)}`]) expect(decodePageState(bad)).toBeNull();
  });

  it('makes notices ephemeral and mention-free', () => {
    const body = renderNotice('Nothing for <@&123> @everyone');
    expect(body).toMatchObject({ flags: 64, allowed_mentions: { parse: [] } });
    expectValid(body);
  });
});
