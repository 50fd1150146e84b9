import { Routes, type APIApplicationCommand, type REST, type RESTPostAPIApplicationCommandsJSONBody } from 'discord.js';
import { isDeepStrictEqual } from 'node:util';

/**
 * Registering slash commands: a bulk overwrite (PUT) of the whole list, to one guild (instant, for
 * development) or globally. Compares with what Discord has first, so a run with nothing to change
 * sends nothing and says so.
 */

export interface CommandChanges {
  added: string[];
  changed: string[];
  removed: string[];
  unchanged: string[];
}

/** Keeps only the keys the local definition sets (Discord adds ids, versions and defaults), recursively. */
function projection(local: unknown, remote: unknown): unknown {
  if (Array.isArray(local)) {
    if (!Array.isArray(remote)) return remote;
    return remote.map((r, i) => projection(local[i] ?? r, r));
  }
  if (typeof local === 'object' && local !== null) {
    if (typeof remote !== 'object' || remote === null) return remote;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(local)) {
      const value = (remote as Record<string, unknown>)[key];
      if (value !== undefined) out[key] = projection((local as Record<string, unknown>)[key], value);
      // Deprecated in favour of `contexts`: Discord does not always echo it back.
      else if (key === 'dm_permission') out[key] = (local as Record<string, unknown>)[key];
    }
    return out;
  }
  return remote;
}

/** Drops keys whose value means the same as leaving them out (`required: false`, `autocomplete: false`, null). */
function withoutDefaults(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutDefaults);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === undefined || v === null || (k === 'required' && v === false) || (k === 'autocomplete' && v === false)) continue;
      out[k] = withoutDefaults(v);
    }
    return out;
  }
  return value;
}

/** What a bulk overwrite with `local` would change, compared with `remote` (what Discord has). */
export function commandChanges(local: readonly RESTPostAPIApplicationCommandsJSONBody[], remote: readonly APIApplicationCommand[]): CommandChanges {
  const changes: CommandChanges = { added: [], changed: [], removed: [], unchanged: [] };
  for (const def of local) {
    const existing = remote.find((r) => r.name === def.name);
    if (!existing) changes.added.push(def.name);
    else if (isDeepStrictEqual(withoutDefaults(def), withoutDefaults(projection(def, existing)))) changes.unchanged.push(def.name);
    else changes.changed.push(def.name);
  }
  for (const r of remote) if (!local.some((d) => d.name === r.name)) changes.removed.push(r.name);
  return changes;
}

export interface DeployOptions {
  rest: REST;
  applicationId: string;
  /** Deploy to this guild only; null: globally. */
  guildId: string | null;
  definitions: readonly RESTPostAPIApplicationCommandsJSONBody[];
}

/** Compares, then overwrites only when something differs. Returns what changed (and whether it sent). */
export async function deployCommands(options: DeployOptions): Promise<CommandChanges & { sent: boolean }> {
  const route = options.guildId ? Routes.applicationGuildCommands(options.applicationId, options.guildId) : Routes.applicationCommands(options.applicationId);
  const remote = (await options.rest.get(route)) as APIApplicationCommand[];
  const changes = commandChanges(options.definitions, remote);
  const dirty = changes.added.length + changes.changed.length + changes.removed.length > 0;
  if (dirty) await options.rest.put(route, { body: options.definitions });
  return { ...changes, sent: dirty };
}
