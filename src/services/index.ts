import type { BriefAnswer, QuoteAnswer, SearchAnswer, SourcesAnswer, TimelineAnswer, WhoAnswer } from '../domain/answer.ts';
import { brief, type BriefRequest } from './brief.ts';
import type { Library } from './library.ts';
import { quotes, suggestSpeakers, type QuoteRequest } from './quote.ts';
import { everything, guildScope, type Scope } from './scope.ts';
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
  /** An extractive briefing: key points, people, quotes, latest events and sources, all cited. */
  brief(request: BriefRequest): BriefAnswer;
  /** Canonical names of people matching `prefix` (prefix, variant or typo), best first: /who autocomplete. */
  suggestPeople(prefix: string): string[];
  /** Quoted speakers matching `prefix`, best first: /quote autocomplete. */
  suggestSpeakers(prefix: string): string[];
  /** The library as it is now (footers show its size and version). */
  library(): Library;
  /** The same services as another scope sees the corpus. */
  withScope(scope: Scope): Services;
  /**
   * The same services as a guild sees the corpus: the bundled articles and that guild's own,
   * never another guild's. Null (a DM): the bundled articles only. Always derived from the
   * whole library, so calling it on scoped services does not narrow twice.
   */
  forGuild(guildId: string | null): Services;
}

/** A scope fixed once, or one made for each library (a guild's view follows the corpus as it changes). */
type ScopeOf = Scope | ((library: Library) => Scope);

/**
 * Services over `source`. Each call reads the current library once and answers from it alone, so
 * a query that runs while the corpus is re-indexed sees the old library or the new, never both.
 */
export function createServices(source: LibrarySource, scopeOf: ScopeOf = everything): Services {
  const at = (): { lib: Library; scope: Scope } => {
    const lib = source.current();
    return { lib, scope: typeof scopeOf === 'function' ? scopeOf(lib) : scopeOf };
  };
  /** A service function over the library and scope of this call. */
  const scoped = <A, R>(service: (library: Library, arg: A, scope: Scope) => R) => (arg: A): R => {
    const { lib, scope } = at();
    return service(lib, arg, scope);
  };
  return {
    search: (request) => {
      const { lib, scope } = at();
      if (scope === everything) return search(lib, request);
      const visible = (id: string): boolean => {
        const passage = lib.passageById.get(id);
        return passage !== undefined && scope.article(passage.articleId) && (request.filter?.(id) ?? true);
      };
      return search(lib, { ...request, filter: visible });
    },
    sources: () => {
      const { lib, scope } = at();
      return sources(lib, scope);
    },
    who: scoped(who),
    quotes: scoped(quotes),
    timeline: scoped(timeline),
    brief: scoped(brief),
    suggestPeople: scoped(suggestPeople),
    suggestSpeakers: scoped(suggestSpeakers),
    library: () => source.current(),
    withScope: (next) => createServices(source, next),
    forGuild: (guildId) => createServices(source, (lib) => guildScope(lib, guildId)),
  };
}
