import type { Logger } from '../log.ts';
import type { Library } from './library.ts';
import { quotes, suggestSpeakers } from './quote.ts';
import { guildScope, type Scope } from './scope.ts';
import { timeline } from './timeline.ts';
import { suggestPeople, who } from './who.ts';

/**
 * The views Discord callers share, which `warmUp` builds: the bundled corpus's, seen by every DM and
 * every guild without articles of its own (the whole library's view when no guild has added any).
 * The whole-library view of a library with guild articles is only the console's and the CLI's,
 * which do not warm; a guild's own view is built on its first question.
 */
export function warmScopes(library: Library): Scope[] {
  return [guildScope(library, null)];
}

/**
 * Builds a library's derived indexes (name index, people and speaker views, term indexes) for the
 * views Discord callers share (`warmScopes`), so the first user after a start or a re-index does
 * not wait for them (Discord gives 3 s, autocomplete none). Runs in slices on the event loop; a
 * failure is logged, never thrown.
 */
export function warmUp(library: Library, log: Logger): Promise<void> {
  const steps: Array<() => unknown> = [];
  for (const scope of warmScopes(library)) {
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
