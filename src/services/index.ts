import type { SearchAnswer, SourcesAnswer } from '../domain/answer.ts';
import type { Library } from './library.ts';
import { search, type SearchRequest } from './search.ts';
import { sources } from './sources.ts';

/** Where the current library is read from: swapped whole when the corpus changes. */
export interface LibrarySource {
  current(): Library;
}

/** The services every transport calls, over whatever library is current. */
export interface Services {
  search(request: SearchRequest): SearchAnswer;
  sources(): SourcesAnswer;
  /** The library as it is now (footers show its size and version). */
  library(): Library;
}

export function createServices(source: LibrarySource): Services {
  return {
    search: (request) => search(source.current(), request),
    sources: () => sources(source.current()),
    library: () => source.current(),
  };
}
