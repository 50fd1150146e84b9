import type { QuoteAnswer, SearchAnswer, SourcesAnswer, TimelineAnswer, WhoAnswer } from '../domain/answer.ts';
import type { Library } from './library.ts';
import { quotes, suggestSpeakers, type QuoteRequest } from './quote.ts';
import { everything, type Scope } from './scope.ts';
import { search, type SearchRequest } from './search.ts';
import { sources } from './sources.ts';
import { timeline, type TimelineRequest } from './timeline.ts';
import { suggestPeople, who } from './who.ts';

/** Where the current library is read from: swapped whole when the corpus changes. */
export interface LibrarySource {
  current(): Library;
}

/** The services every transport calls, over whatever library is current, as one scope sees it. */
export interface Services {
  search(request: SearchRequest): SearchAnswer;
  sources(): SourcesAnswer;
  who(name: string): WhoAnswer;
  quotes(request: QuoteRequest): QuoteAnswer;
  timeline(request: TimelineRequest): TimelineAnswer;
  /** Canonical names of people matching `prefix` (prefix, variant or typo), best first: /who autocomplete. */
  suggestPeople(prefix: string): string[];
  /** Quoted speakers matching `prefix`, best first: /quote autocomplete. */
  suggestSpeakers(prefix: string): string[];
  /** The library as it is now (footers show its size and version). */
  library(): Library;
  /** The same services as another scope (a guild) sees the corpus. */
  withScope(scope: Scope): Services;
}

export function createServices(source: LibrarySource, scope: Scope = everything): Services {
  const visible = (id: string): boolean => {
    const passage = source.current().passageById.get(id);
    return passage !== undefined && scope.article(passage.articleId);
  };
  return {
    search: (request) => search(source.current(), scope === everything ? request : { ...request, filter: visible }),
    sources: () => sources(source.current(), (a) => scope.article(a.id)),
    who: (name) => who(source.current(), name, scope),
    quotes: (request) => quotes(source.current(), request, scope),
    timeline: (request) => timeline(source.current(), request, scope),
    suggestPeople: (prefix) => suggestPeople(source.current(), prefix, scope),
    suggestSpeakers: (prefix) => suggestSpeakers(source.current(), prefix, scope),
    library: () => source.current(),
    withScope: (next) => createServices(source, next),
  };
}
