import type { APIActionRowComponent, APIApplicationCommandOptionChoice, APIComponentInMessageActionRow, APIEmbed } from 'discord.js';

/**
 * Every Discord limit Dossier's messages must hold, and the one place that enforces them. Renderers
 * aim to stay within these already; `clampMessage` and `clampChoices` are the last line, applied to
 * every body a transport sends, so nothing Discord would reject (HTTP 400) ever leaves the bot.
 *
 * Lengths are counted in UTF-16 code units (JavaScript `length`), never fewer than Discord counts.
 */
export const LIMITS = {
  /** Message `content`. */
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer and author over all embeds of a message. */
  embedsTotal: 6000,
  embedsPerMessage: 10,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

/** Discord's `allowed_mentions` that pings nobody: set on the client and on every message. */
export const NO_MENTIONS = { parse: [] as never[] };

export const ELLIPSIS = '…';

/**
 * `text` cut to at most `max` characters at a word boundary, ending with "…" when cut. Never splits
 * a surrogate pair; falls back to a hard cut only when a single word is longer than `max`.
 */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= ELLIPSIS.length) return ELLIPSIS.slice(0, Math.max(0, max));
  const room = max - ELLIPSIS.length;
  let cut = room;
  // The last whitespace at or before the room, so no word is split.
  while (cut > 0 && !/\s/.test(text[cut] ?? '')) cut -= 1;
  if (cut < room / 2) cut = room; // one huge word: a hard cut is better than losing most of the room
  let head = text.slice(0, cut).trimEnd();
  // Never end on a lone high surrogate, a dangling backslash escape or a half-open bold marker.
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  head = balanceMarkdown(head);
  return `${head}${ELLIPSIS}`;
}

/** Drops a trailing lone backslash and closes an unbalanced `**` left by a cut. */
function balanceMarkdown(text: string): string {
  let out = text;
  while (/(^|[^\\])(\\\\)*\\$/.test(out)) out = out.slice(0, -1);
  const bold = out.match(/(?<!\\)\*\*/g)?.length ?? 0;
  if (bold % 2 === 1) out = `${out}**`;
  return out;
}

/** A plain cut for identifiers and choice values, where "…" would change the meaning. */
export function truncateHard(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = text.slice(0, max);
  if (/[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  return head;
}

/** Characters an embed counts toward the 6,000 total. */
export function embedLength(embed: APIEmbed): number {
  return (embed.title?.length ?? 0)
    + (embed.description?.length ?? 0)
    + (embed.footer?.text.length ?? 0)
    + (embed.author?.name.length ?? 0)
    + (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);
}

function clampEmbed(embed: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.title !== undefined) out.title = truncateWords(out.title, LIMITS.embedTitle);
  if (out.description !== undefined) out.description = truncateWords(out.description, LIMITS.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncateWords(out.footer.text, LIMITS.footerText) };
  if (out.author) out.author = { ...out.author, name: truncateWords(out.author.name, LIMITS.authorName) };
  if (out.fields) {
    out.fields = out.fields.slice(0, LIMITS.embedFields).map((f) => ({
      ...f,
      name: truncateWords(f.name, LIMITS.fieldName) || '\u200b',
      value: truncateWords(f.value, LIMITS.fieldValue) || '\u200b',
    }));
  }
  return out;
}

/** Shortens the longest text of `embed` by `excess` characters (description first, then fields). */
function shrinkEmbed(embed: APIEmbed, excess: number): APIEmbed {
  const out: APIEmbed = { ...embed };
  if (out.description && out.description.length > 1) {
    out.description = truncateWords(out.description, Math.max(1, out.description.length - excess));
    return out;
  }
  if (out.fields && out.fields.length > 0) {
    out.fields = out.fields.slice(0, -1);
    return out;
  }
  if (out.title && out.title.length > 1) out.title = truncateWords(out.title, Math.max(1, out.title.length - excess));
  return out;
}

/** A message body as Dossier sends it (interaction response data, edit or follow-up). */
export interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: Array<APIActionRowComponent<APIComponentInMessageActionRow>>;
  allowed_mentions?: { parse: never[] };
  flags?: number;
}

/**
 * Holds every message limit: content 2,000; 10 embeds; each embed's title, description, fields,
 * field name/value, footer and author; 6,000 over all embeds; 5 rows of 5 components; custom_id
 * 100 and button label 80. Also sets `allowed_mentions` to ping nobody. Returns a new body.
 */
export function clampMessage<T extends MessageBody>(body: T): T {
  const out: T = { ...body, allowed_mentions: { parse: [] } };
  if (out.content !== undefined) out.content = truncateWords(out.content, LIMITS.content);
  if (out.embeds) {
    let embeds = out.embeds.slice(0, LIMITS.embedsPerMessage).map(clampEmbed);
    for (let guard = 0; guard < 100; guard += 1) {
      const total = embeds.reduce((n, e) => n + embedLength(e), 0);
      if (total <= LIMITS.embedsTotal) break;
      const excess = total - LIMITS.embedsTotal;
      const last = embeds[embeds.length - 1];
      if (!last) break;
      // Drop whole trailing embeds before cutting into the first one.
      if (embeds.length > 1 && embedLength(last) <= excess) embeds = embeds.slice(0, -1);
      else embeds = [...embeds.slice(0, -1), shrinkEmbed(last, excess)];
    }
    out.embeds = embeds;
  }
  if (out.components) {
    out.components = out.components.slice(0, LIMITS.actionRows).map((row) => ({
      ...row,
      components: row.components.slice(0, LIMITS.buttonsPerRow).map((c) => {
        const copy = { ...c } as Record<string, unknown>;
        if (typeof copy.custom_id === 'string') copy.custom_id = truncateHard(copy.custom_id, LIMITS.customId);
        if (typeof copy.label === 'string') copy.label = truncateWords(copy.label, LIMITS.buttonLabel);
        return copy as unknown as APIComponentInMessageActionRow;
      }),
    }));
  }
  return out;
}

/**
 * At most 25 autocomplete choices, names and values of 1 to 100 characters, no duplicate values.
 * A value over 100 characters is dropped, not cut: a cut value would name something else.
 */
export function clampChoices(choices: ReadonlyArray<{ name: string; value: string }>): APIApplicationCommandOptionChoice<string>[] {
  const seen = new Set<string>();
  const out: APIApplicationCommandOptionChoice<string>[] = [];
  for (const c of choices) {
    if (c.value.length > LIMITS.choiceValue) continue;
    const value = c.value;
    const name = truncateWords(c.name.replace(/\s+/g, ' ').trim(), LIMITS.choiceName);
    if (value === '' || name === '' || seen.has(value)) continue;
    seen.add(value);
    out.push({ name, value });
    if (out.length === LIMITS.autocompleteChoices) break;
  }
  return out;
}
