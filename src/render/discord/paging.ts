import { LIMITS } from './limits.ts';

/**
 * Page buttons carry their whole state in the custom_id: the command, the options needed to
 * recompute the answer, and the page. Nothing is kept in memory, so a button works after a
 * restart, on any shard and on any HTTP instance.
 *
 * Format: `pg:` + JSON `[command, page, options]`, at most 100 characters.
 */
export const PAGE_PREFIX = 'pg:';

export type PageOptions = Readonly<Record<string, string | number | boolean>>;

export interface PageState {
  command: string;
  /** 0-based page to show. */
  page: number;
  /** Command options (without `public`: a page turn keeps the message as it is). */
  options: PageOptions;
}

/** The custom_id for `state`, or null when the options are too long to fit in 100 characters. */
export function encodePageState(state: PageState): string | null {
  const options: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(state.options)) if (k !== 'public') options[k] = v;
  const id = `${PAGE_PREFIX}${JSON.stringify([state.command, state.page, options])}`;
  return id.length <= LIMITS.customId ? id : null;
}

/** Reads a page button's custom_id; null for anything else or anything malformed. */
export function decodePageState(customId: string): PageState | null {
  if (!customId.startsWith(PAGE_PREFIX) || customId.length > LIMITS.customId) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(customId.slice(PAGE_PREFIX.length));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) return null;
  const [command, page, options] = parsed as unknown[];
  if (typeof command !== 'string' || !Number.isInteger(page) || (page as number) < 0) return null;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return null;
  const clean: Record<string, string | number | boolean> = {};
  for (const [k, v] of Object.entries(options)) {
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') return null;
    clean[k] = v;
  }
  return { command, page: page as number, options: clean };
}
