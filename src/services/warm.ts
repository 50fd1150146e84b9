import type { Logger } from '../log.ts';
import type { Library } from './library.ts';
import { quotes, suggestSpeakers } from './quote.ts';
import { everything, guildScope } from './scope.ts';
import { timeline } from './timeline.ts';
import { suggestPeople, who } from './who.ts';

/**
 * Builds a library's derived indexes (name index, people and speaker views, term indexes) for the
 * two views nearly every caller shares, the whole corpus and the bundled corpus, so the first
 * user after a start or a re-index does not wait for them (Discord gives 3 s, autocomplete none).
 * Runs in slices on the event loop; a failure is logged, never thrown.
 */
export function warmUp(library: Library, log: Logger): Promise<void> {
  // The bundled view is the whole library's when no guild has added articles: warmed once then.
  const scopes = [...new Set([everything, guildScope(library, null)])];
  const steps: Array<() => unknown> = [];
  for (const scope of scopes) {
    steps.push(
      () => suggestPeople(library, 'a', scope),
      () => who(library, 'a', scope),
      () => suggestSpeakers(library, 'a', scope),
      () => quotes(library, { topic: 'the news' }, scope),
      () => timeline(library, { topic: 'news' }, scope),
    );
  }
  const started = performance.now();
  return new Promise((done) => {
    const next = (): void => {
      const step = steps.shift();
      if (!step) {
        log.debug('derived indexes warmed', { ms: Math.round(performance.now() - started), version: library.version });
        done();
        return;
      }
      try {
        step();
      } catch (error) {
        log.warn('warming the derived indexes failed; they will be built on first use', { error });
      }
      setImmediate(next);
    };
    setImmediate(next);
  });
}
