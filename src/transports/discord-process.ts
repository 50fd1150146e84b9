import type { Logger } from '../log.ts';

/**
 * Resolves with the signal's name on the first SIGINT or SIGTERM, so a long-running transport can
 * shut down cleanly (finish in-flight answers, close connections) and let the process exit.
 */
export function untilShutdownSignal(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      log.info('shutting down', { signal });
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
