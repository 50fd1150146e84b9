import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  type APIApplicationCommandInteractionDataBasicOption,
  type APIInteraction,
  type APIInteractionResponse,
  type APIMessageComponentInteraction,
  type APIModalSubmitInteraction,
} from 'discord.js';
import type { CommandContext, CommandModule, OptionValues } from '../../commands/types.ts';
import type { Logger } from '../log.ts';
import { UserError } from '../services/errors.ts';
import { isModerator } from '../services/permissions.ts';
import { clampChoices, clampMessage, decodePageState, renderDiscord, renderNotice, type CorpusInfo, type MessageBody } from '../render/discord/index.ts';
import { newErrorId, runCommand, type Outcome } from './dispatch.ts';
import { channelSelectRows, decodeBriefAction, previewRow, TOPIC_TOO_LONG, type BriefState } from './discord-brief.ts';
import { CannotPostError, postAnswer, type ChannelAccess } from './discord-channels.ts';
import { CORPUS_FORM_ID, corpusFormFields, corpusFormModal } from './discord-corpus-form.ts';
import { cannotPostMessage, missingToPost } from './discord-permissions.ts';
import type { QueryPool } from './query-pool.ts';

/**
 * The one interaction handler both Discord transports share. It takes the raw interaction payload
 * (the same JSON over the gateway and over HTTP) and returns the initial response body, plus, when
 * the answer took too long and was deferred, the message edit to PATCH to `@original` later.
 * It never throws: every failure becomes a safe reply.
 */

/** After this long without an answer, the interaction is deferred (Discord allows 3 s for the first response). */
export const DEFER_AFTER_MS = 1000;

export interface InteractionDeps {
  /** Services and command list; guild and user are filled in per interaction. */
  context: Omit<CommandContext, 'guildId' | 'userId'>;
  log: Logger;
  /** Defer when the answer is not ready after this many milliseconds; null: never (a query worker). Default DEFER_AFTER_MS. */
  deferAfterMs?: number | null;
  /**
   * Query workers that answer the read-only interactions off the main thread (see query-pool.ts).
   * Absent, or when no worker holds the current library: answered here.
   */
  pool?: Pick<QueryPool, 'ask' | 'ready' | 'size'> & Partial<Pick<QueryPool, 'shed' | 'turnedAway'>>;
  /** Moderator role ids where there is no `context.moderation` (a query worker). Default none. */
  moderatorRoleIds?: readonly string[];
  /** Downloads an attachment option's file (Discord's CDN url). Default: fetch with a size cap. */
  download?: (url: string, maxBytes: number) => Promise<Uint8Array>;
  /**
   * Posts briefings to channels as the bot (needs the bot token). Absent: the preview's post
   * buttons explain that posting is not set up. The gateway fills it in from its client.
   */
  channels?: ChannelAccess;
}

/** Largest attached file read (a /corpus add article). */
export const MAX_ATTACHMENT_BYTES = 5 * 1024 * 1024;

/** Fetches `url`, refusing more than `maxBytes`. */
export async function fetchAttachment(url: string, maxBytes: number): Promise<Uint8Array> {
  const res = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  if (!res.ok || !res.body) throw new Error(`attachment download failed: HTTP ${res.status}`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as AsyncIterable<Uint8Array>) {
    size += chunk.length;
    if (size > maxBytes) throw new UserError(`That file is over ${Math.round(maxBytes / 1024 / 1024)} MB.`, 'file');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

export interface InteractionReply {
  /** The initial response: POST /interactions/{id}/{token}/callback, or the HTTP response body. */
  response: APIInteractionResponse;
  /**
   * Set when deferred: call it after sending `response`; resolves to the edit for PATCH
   * /webhooks/{app}/{token}/messages/@original. Never rejects.
   */
  followUp?: () => Promise<MessageBody>;
  /** `response` as UTF-8 JSON, already clamped (a query worker's answer): send it as it is. */
  json?: Uint8Array;
  /** Turned away because the query workers were backlogged (`response` says Dossier is busy). */
  shed?: true;
}

/** The response with its message (if it has embeds) clamped to Discord's limits. */
export function clampResponse(response: APIInteractionResponse): APIInteractionResponse {
  return 'data' in response && response.data && 'embeds' in response.data
    ? { ...response, data: clampMessage(response.data as MessageBody) } as APIInteractionResponse
    : response;
}

const UNKNOWN_COMMAND = 'That command is not one Dossier knows (it may have been removed). Type `/help` for the list.';
const STALE_BUTTON = 'This button belongs to an older answer. Run the command again.';
/** The answer to a question turned away while the query workers are backlogged (see QueryPool.shed). */
export const BUSY = 'Dossier is answering a lot of questions right now. Please ask again in a few seconds.';
const NOT_A_MODERATOR = 'This command is for moderators (Manage Server, or a moderator role).';

function corpusInfo(context: InteractionDeps['context']): CorpusInfo {
  const library = context.services.library();
  return { articles: library.articles.length, passages: library.passages.length, version: library.version };
}

/** The command context of an interaction: services as its guild sees the corpus (the bundled corpus only in DMs). */
function contextFor(deps: InteractionDeps, interaction: APIInteraction): CommandContext {
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? null;
  const guildId = interaction.guild_id ?? null;
  return { ...deps.context, services: deps.context.services.forGuild(guildId), guildId, userId };
}

type OptionDef = NonNullable<CommandModule['definition']['options']>[number];
type Values = Record<string, string | number | boolean>;

/**
 * Option values of a chat-input interaction, checked against the command's definition: options the
 * definition does not have are ignored; a value of the wrong type is a user error naming the option.
 * A subcommand's options arrive flattened, with its name under `subcommand`. Attachment options
 * are returned separately (option name → attachment id) for the transport to download.
 */
export function optionValues(command: CommandModule, options: readonly unknown[] | undefined): { ok: true; values: Values; attachments: Record<string, string> } | { ok: false; message: string } {
  const values: Values = {};
  const attachments: Record<string, string> = {};
  let defs: readonly OptionDef[] = command.definition.options ?? [];
  let given: readonly unknown[] = options ?? [];
  // Subcommand groups and subcommands nest their options one level each.
  for (let depth = 0; depth < 2; depth += 1) {
    const first = given[0] as { type?: unknown; name?: unknown; options?: unknown } | undefined;
    if (!first || (first.type !== ApplicationCommandOptionType.Subcommand && first.type !== ApplicationCommandOptionType.SubcommandGroup)) break;
    const def = defs.find((d) => d.name === first.name && d.type === first.type);
    if (!def || (def.type !== ApplicationCommandOptionType.Subcommand && def.type !== ApplicationCommandOptionType.SubcommandGroup)) return { ok: false, message: `/${command.definition.name} has no subcommand "${String(first.name)}". Type \`/help\`.` };
    values[first.type === ApplicationCommandOptionType.Subcommand ? 'subcommand' : 'group'] = String(first.name);
    defs = 'options' in def ? def.options ?? [] : [];
    given = Array.isArray(first.options) ? (first.options as unknown[]) : [];
  }
  for (const raw of given) {
    if (typeof raw !== 'object' || raw === null) continue;
    const opt = raw as Partial<APIApplicationCommandInteractionDataBasicOption> & { value?: unknown };
    const def = defs.find((d) => d.name === opt.name);
    if (!def) continue;
    const v = opt.value;
    switch (def.type) {
      case ApplicationCommandOptionType.String:
        if (typeof v !== 'string') return { ok: false, message: `${def.name} must be text.` };
        values[def.name] = v;
        break;
      case ApplicationCommandOptionType.Integer:
        if (typeof v !== 'number' || !Number.isInteger(v)) return { ok: false, message: `${def.name} must be a whole number.` };
        values[def.name] = v;
        break;
      case ApplicationCommandOptionType.Number:
        if (typeof v !== 'number' || !Number.isFinite(v)) return { ok: false, message: `${def.name} must be a number.` };
        values[def.name] = v;
        break;
      case ApplicationCommandOptionType.Boolean:
        if (typeof v !== 'boolean') return { ok: false, message: `${def.name} must be true or false.` };
        values[def.name] = v;
        break;
      case ApplicationCommandOptionType.Attachment:
        if (typeof v === 'string') attachments[def.name] = v;
        break;
      default:
        // Channels, users, roles, mentionables: their ids.
        if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') values[def.name] = v;
    }
  }
  for (const def of defs) {
    if ('required' in def && def.required && values[def.name] === undefined && attachments[def.name] === undefined) {
      return { ok: false, message: `/${command.definition.name} needs ${def.name}.` };
    }
  }
  return { ok: true, values, attachments };
}

/** Whether the member may run `command`: moderator commands (those with default_member_permissions) need a moderator. */
function allowed(command: CommandModule, interaction: APIInteraction, deps: InteractionDeps): boolean {
  if (command.definition.default_member_permissions === undefined || command.definition.default_member_permissions === null) return true;
  return moderatorAsks(interaction, deps);
}

/** The member is a moderator: Manage Server or Administrator in the interaction's member permissions, or a moderator role. */
function moderatorAsks(interaction: APIInteraction, deps: InteractionDeps): boolean {
  const member = interaction.member;
  if (!member) return false;
  return isModerator({ permissions: member.permissions, roles: member.roles }, deps.context.moderation?.moderatorRoleIds ?? deps.moderatorRoleIds ?? []);
}

/** The ephemeral refusal for a non-moderator; the attempt goes to the audit log first. */
async function refuse(command: string, interaction: APIInteraction, deps: InteractionDeps): Promise<InteractionReply> {
  const userId = interaction.member?.user.id ?? interaction.user?.id ?? null;
  try {
    await deps.context.moderation?.corpus.recordDenied({ guildId: interaction.guild_id ?? null, userId, command });
  } catch (error) {
    deps.log.error('could not audit a refused command', { command, userId, error });
  }
  deps.log.info('moderator command refused', { command, guild: interaction.guild_id, user: userId });
  return { response: message(renderNotice(NOT_A_MODERATOR)) };
}

/** Downloads the attachment options of a command into `context.files`. */
async function withFiles(context: CommandContext, interaction: APIInteraction, attachments: Record<string, string>, deps: InteractionDeps): Promise<CommandContext> {
  const entries = Object.entries(attachments);
  if (entries.length === 0) return context;
  const resolved = (interaction.data as { resolved?: { attachments?: Record<string, { filename: string; url: string; size: number }> } } | undefined)?.resolved?.attachments ?? {};
  const files: Record<string, { name: string; bytes: Uint8Array }> = {};
  for (const [name, id] of entries) {
    const a = resolved[id];
    if (!a) throw new UserError('The attached file could not be read. Attach it again.', name);
    if (a.size > MAX_ATTACHMENT_BYTES) throw new UserError(`That file is over ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`, name);
    files[name] = { name: a.filename, bytes: await (deps.download ?? fetchAttachment)(a.url, MAX_ATTACHMENT_BYTES) };
  }
  return { ...context, files };
}

function message(body: MessageBody): APIInteractionResponse {
  return { type: InteractionResponseType.ChannelMessageWithSource, data: body };
}

/** The message for an outcome: the answer's page, or an ephemeral explanation or apology. */
function outcomeBody(outcome: Outcome, context: CommandContext, source: { command: string; options: OptionValues }, page: number, ephemeral: boolean): MessageBody {
  if (outcome.kind === 'answer') {
    const options: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(source.options)) if (v !== undefined) options[k] = v;
    const body = renderDiscord(outcome.answer, { corpus: corpusInfo(context), page, ephemeral, source: { command: source.command, options } }).body;
    // A briefing is first a preview only the moderator sees, with the buttons that post it.
    if (outcome.answer.kind === 'brief' && source.command === 'brief' && ephemeral) return withPreviewButtons(body, outcome.answer.sources.length > 0, { topic: outcome.answer.topic, since: outcome.answer.since });
    return body;
  }
  return renderNotice(outcome.message, true);
}

/** A briefing preview: its page buttons, then Post here / Post to… / Cancel (none when there is nothing to post). */
function withPreviewButtons(body: MessageBody, postable: boolean, state: BriefState): MessageBody {
  if (!postable) return body;
  const row = previewRow(state);
  if (!row) return { ...body, content: TOPIC_TOO_LONG };
  return clampMessage({ ...body, components: [...(body.components ?? []), row] });
}

/**
 * Runs `work` and answers with its result if it is ready within `deferAfterMs`; otherwise answers
 * with `deferred` at once and hands the result over as the follow-up.
 */
async function answerOrDefer(start: () => Promise<MessageBody>, deferred: APIInteractionResponse, wrap: (body: MessageBody) => APIInteractionResponse, deferAfterMs: number | null, deferAtOnce: boolean): Promise<InteractionReply> {
  // A command that may block for long defers first and starts only once the deferral is sent.
  if (deferAtOnce) return { response: deferred, followUp: start };
  const work = start();
  if (deferAfterMs === null) return { response: wrap(await work) };
  const first = await unlessLate(work, deferAfterMs);
  if (first !== 'late') return { response: wrap(first) };
  return { response: deferred, followUp: () => work };
}

/** `work`'s result if it settles within `ms`, else 'late' (work goes on). */
async function unlessLate<T>(work: Promise<T>, ms: number): Promise<T | 'late'> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
    timer.unref();
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

async function handleCommand(interaction: APIInteraction & { type: InteractionType.ApplicationCommand }, deps: InteractionDeps): Promise<InteractionReply> {
  if (interaction.data.type !== ApplicationCommandType.ChatInput) return { response: message(renderNotice(UNKNOWN_COMMAND)) };
  const command = deps.context.commands.find((c) => c.definition.name === interaction.data.name);
  if (!command) return { response: message(renderNotice(UNKNOWN_COMMAND)) };
  const parsed = optionValues(command, interaction.data.options);
  if (!parsed.ok) return { response: message(renderNotice(parsed.message)) };
  if (!allowed(command, interaction, deps)) return refuse(command.definition.name, interaction, deps);
  // /corpus add without a file: the article form (a modal must be the first response, never deferred).
  if (command.definition.name === 'corpus' && parsed.values.subcommand === 'add' && Object.keys(parsed.attachments).length === 0 && deps.context.moderation) {
    return { response: corpusFormModal() };
  }
  const ephemeral = parsed.values.public !== true;
  const context = contextFor(deps, interaction);
  const work = (): Promise<MessageBody> => withFiles(context, interaction, parsed.attachments, deps)
    .then((full) => runCommand(command, full, parsed.values, deps.log))
    .then((outcome) => outcomeBody(outcome, context, { command: command.definition.name, options: parsed.values }, 0, ephemeral))
    .catch((error: unknown) => (error instanceof UserError ? renderNotice(error.message) : apology(deps.log, error, interaction)));
  const deferred: APIInteractionResponse = { type: InteractionResponseType.DeferredChannelMessageWithSource, data: ephemeral ? { flags: MessageFlags.Ephemeral } : {} };
  return answerOrDefer(work, deferred, message, deps.deferAfterMs ?? DEFER_AFTER_MS, command.defer === true);
}

async function handleButton(interaction: APIInteraction & { type: InteractionType.MessageComponent }, deps: InteractionDeps): Promise<InteractionReply> {
  const state = interaction.data.component_type === ComponentType.Button ? decodePageState(interaction.data.custom_id) : null;
  const command = state ? deps.context.commands.find((c) => c.definition.name === state.command) : undefined;
  if (!state || !command) return { response: message(renderNotice(STALE_BUTTON)) };
  const { subcommand, ...rest } = state.options;
  const flat = Object.entries(rest).map(([name, value]) => ({ name, value }));
  const given = typeof subcommand === 'string' ? [{ type: ApplicationCommandOptionType.Subcommand, name: subcommand, options: flat }] : flat;
  const parsed = optionValues(command, given);
  if (!parsed.ok) return { response: message(renderNotice(STALE_BUTTON)) };
  if (!allowed(command, interaction, deps)) return refuse(command.definition.name, interaction, deps);
  const context = contextFor(deps, interaction);
  const ephemeral = ((interaction.message.flags ?? 0) & MessageFlags.Ephemeral) !== 0;
  const work = (): Promise<MessageBody> => runCommand(command, context, parsed.values, deps.log)
    .then((outcome) => {
      const body = outcomeBody(outcome, context, { command: command.definition.name, options: parsed.values }, state.page, ephemeral);
      // An update keeps the message's flags; it cannot add or drop ephemeral.
      delete body.flags;
      return body;
    })
    .catch((error: unknown) => apology(deps.log, error, interaction));
  const update = (body: MessageBody): APIInteractionResponse => (outcomeIsNotice(body)
    ? message({ ...body, flags: MessageFlags.Ephemeral })
    : { type: InteractionResponseType.UpdateMessage, data: body });
  return answerOrDefer(work, { type: InteractionResponseType.DeferredMessageUpdate }, update, deps.deferAfterMs ?? DEFER_AFTER_MS, command.defer === true);
}

/** A notice (user error or apology) has content and no embeds: sent as a new ephemeral message, not over the answer. */
function outcomeIsNotice(body: MessageBody): boolean {
  return body.content !== undefined && (body.embeds?.length ?? 0) === 0;
}

async function handleAutocomplete(interaction: APIInteraction & { type: InteractionType.ApplicationCommandAutocomplete }, deps: InteractionDeps): Promise<InteractionReply> {
  const empty: InteractionReply = { response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } } };
  const command = deps.context.commands.find((c) => c.definition.name === interaction.data.name);
  if (!command?.autocomplete || !allowed(command, interaction, deps)) return empty;
  let raw = (interaction.data.options ?? []) as Array<{ type?: unknown; name?: unknown; value?: unknown; focused?: unknown; options?: unknown }>;
  for (let depth = 0; depth < 2; depth += 1) {
    const first = raw[0];
    if (!first || (first.type !== ApplicationCommandOptionType.Subcommand && first.type !== ApplicationCommandOptionType.SubcommandGroup)) break;
    raw = Array.isArray(first.options) ? (first.options as typeof raw) : [];
  }
  const focused = raw.find((o) => o.focused === true);
  if (!focused || typeof focused.name !== 'string') return empty;
  const others: Record<string, string | number | boolean> = {};
  for (const o of raw) {
    if (typeof o.name === 'string' && o !== focused && (typeof o.value === 'string' || typeof o.value === 'number' || typeof o.value === 'boolean')) others[o.name] = o.value;
  }
  try {
    const suggestions = await command.autocomplete(contextFor(deps, interaction), focused.name, typeof focused.value === 'string' || typeof focused.value === 'number' ? String(focused.value) : '', others);
    return { response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: clampChoices(suggestions) } } };
  } catch (error) {
    deps.log.error('autocomplete failed', { errorId: newErrorId(), command: command.definition.name, error });
    return empty;
  }
}

/** How every apology for a bug begins (query workers never keep such an answer for reuse). */
export const APOLOGY = 'Sorry, something went wrong on our side';

function apology(log: Logger, error: unknown, interaction: { id?: string; type?: number }): MessageBody {
  const errorId = newErrorId();
  log.error('interaction failed', { errorId, interaction: interaction.id, type: interaction.type, error });
  return renderNotice(`${APOLOGY} (error ${errorId}). It has been logged.`);
}

const NO_POSTING = 'Posting is not set up on this bot (it needs DISCORD_TOKEN). Copy the preview instead.';

/** The body that replaces the preview once a briefing is posted. */
function postedBody(channelId: string, messages: number): MessageBody {
  return clampMessage({ content: `Posted the briefing to <#${channelId}>${messages > 1 ? ` (${messages} messages)` : ''}.`, embeds: [], components: [] });
}

/** The preview kept as it is, with a warning above it and its buttons again. */
function warnedPreview(text: string, state: BriefState): MessageBody {
  const row = previewRow(state);
  return clampMessage({ content: `⚠️ ${text}`, components: row ? [row] : [] });
}

/**
 * A press on a /brief preview: Post here, Post to… (shows the channel select), a channel chosen,
 * or Cancel. Posting recomputes the briefing from the state in the custom_id, checks the bot may
 * post there (the interaction's app_permissions for this channel; REST for another), posts it
 * pinging nobody, records the post in the audit log and replaces the preview with a confirmation.
 */
async function handleBriefAction(interaction: APIMessageComponentInteraction, deps: InteractionDeps): Promise<InteractionReply> {
  const decoded = decodeBriefAction(interaction.data.custom_id);
  if (!decoded) return { response: message(renderNotice(STALE_BUTTON)) };
  if (!moderatorAsks(interaction, deps)) return refuse('brief', interaction, deps);
  const { action, state } = decoded;
  const update = (body: MessageBody): InteractionReply => ({ response: { type: InteractionResponseType.UpdateMessage, data: body } });
  if (action === 'x') return update(clampMessage({ content: 'Cancelled: nothing was posted.', embeds: [], components: [] }));
  if (action === 't') return update(clampMessage({ components: channelSelectRows(state) }));
  const guildId = interaction.guild_id;
  const channels = deps.channels;
  const moderation = deps.context.moderation;
  if (!guildId) return { response: message(renderNotice('Briefings are posted in a server, not in direct messages.')) };
  if (!channels || !moderation) return update(warnedPreview(NO_POSTING, state));
  let channelId: string | undefined;
  if (action === 'h') {
    channelId = interaction.channel?.id ?? interaction.channel_id;
    const missing = channelId ? missingToPost(interaction.app_permissions) : [];
    if (channelId && missing.length > 0) return update(warnedPreview(cannotPostMessage(channelId, missing), state));
  } else {
    channelId = interaction.data.component_type === ComponentType.ChannelSelect ? interaction.data.values[0] : undefined;
  }
  if (!channelId) return update(warnedPreview('Pick a channel to post to.', state));
  const target = channelId;
  const context = contextFor(deps, interaction);
  const work = async (): Promise<MessageBody> => {
    try {
      if (action === 's') {
        const missing = await channels.missingIn(guildId, target);
        if (missing.length > 0) return warnedPreview(cannotPostMessage(target, missing), state);
      }
      const answer = context.services.brief({ topic: state.topic ?? undefined, since: state.since ?? undefined });
      if (answer.sources.length === 0) return warnedPreview('There is nothing to brief on any more (the sources have changed).', state);
      const messages = await postAnswer(channels, target, answer, corpusInfo(context));
      try {
        await moderation.corpus.recordPost({ guildId, userId: context.userId, channelId: target, answer });
      } catch (error) {
        deps.log.error('could not audit a posted briefing', { guild: guildId, channel: target, error });
      }
      deps.log.info('briefing posted', { guild: guildId, channel: target, user: context.userId, sources: answer.sources.length });
      return postedBody(target, messages);
    } catch (error) {
      if (error instanceof CannotPostError || error instanceof UserError) return warnedPreview(error.message, state);
      const body = apology(deps.log, error, interaction);
      return { ...body, components: [] };
    }
  };
  // Posting takes REST round trips and recomputes the briefing: acknowledge first, then edit the preview.
  return { response: { type: InteractionResponseType.DeferredMessageUpdate }, followUp: work };
}

/** The /corpus add form submitted: the article is validated, stored and indexed like an attachment. */
async function handleModal(interaction: APIModalSubmitInteraction, deps: InteractionDeps): Promise<InteractionReply> {
  if (interaction.data.custom_id !== CORPUS_FORM_ID) return { response: message(renderNotice(STALE_BUTTON)) };
  if (!moderatorAsks(interaction, deps)) return refuse('corpus', interaction, deps);
  const moderation = deps.context.moderation;
  const guildId = interaction.guild_id;
  if (!moderation || !guildId) return { response: message(renderNotice('The corpus cannot be changed here.')) };
  const context = contextFor(deps, interaction);
  const fields = corpusFormFields(interaction.data.components);
  const work = (): Promise<MessageBody> => moderation.corpus.addFields({ guildId, userId: context.userId, fields })
    .then((answer) => renderDiscord(answer, { corpus: corpusInfo(context), ephemeral: true, source: null }).body)
    .catch((error: unknown) => (error instanceof UserError ? renderNotice(error.message) : apology(deps.log, error, interaction)));
  // Indexing blocks while it runs: defer first.
  return { response: { type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } }, followUp: work };
}

/**
 * Whether `interaction` only reads the library, so a query worker may answer it: a command that
 * needs no moderator, does not defer first and is not `light` (/search, /who, /quote, /timeline,
 * /sources), its autocomplete, or its page buttons.
 */
export function readsOnly(interaction: APIInteraction, commands: readonly CommandModule[]): boolean {
  let name: string | undefined;
  if (interaction.type === InteractionType.ApplicationCommand) {
    if (interaction.data.type !== ApplicationCommandType.ChatInput) return false;
    name = interaction.data.name;
  } else if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    name = interaction.data.name;
  } else if (interaction.type === InteractionType.MessageComponent && interaction.data.component_type === ComponentType.Button) {
    name = decodePageState(interaction.data.custom_id)?.command;
  }
  const command = name === undefined ? undefined : commands.find((c) => c.definition.name === name);
  return command !== undefined && command.defer !== true && command.light !== true
    && (command.definition.default_member_permissions === undefined || command.definition.default_member_permissions === null);
}

/** Whether a chat-input interaction asked for a public answer (`public:true`). */
function asksPublic(interaction: APIInteraction): boolean {
  const options = (interaction.data as { options?: Array<{ name?: unknown; value?: unknown }> } | undefined)?.options ?? [];
  return options.some((o) => o.name === 'public' && o.value === true);
}

const DECODER = new TextDecoder();

/**
 * A worker's answer: `json` as sent, `response` parsed from it on first read. A class, not an
 * object literal with a getter: those ended up in the old generation (as the timeline's lazily
 * cited events did, services/timeline.ts).
 */
class WorkerReply implements InteractionReply {
  #response: APIInteractionResponse | undefined;

  constructor(readonly json: Uint8Array) {}

  get response(): APIInteractionResponse {
    return (this.#response ??= JSON.parse(DECODER.decode(this.json)) as APIInteractionResponse);
  }
}

/**
 * A read-only interaction answered by a query worker, deferred like any other when the answer is
 * late (autocomplete cannot be: it waits). Null when no worker can take it or the worker failed
 * before answering (the caller answers it itself).
 */
async function viaPool(interaction: APIInteraction, deps: InteractionDeps, raw?: string): Promise<InteractionReply | null> {
  if (deps.pool?.shed?.() === true) return busyReply(interaction);
  const asked = deps.pool?.ask(raw ?? JSON.stringify(interaction));
  if (!asked) return null;
  // The HTTP transport sends `json` as it is: the response object is parsed only if asked for.
  const answered = asked.then((json): InteractionReply => new WorkerReply(json), (error: unknown) => {
    deps.log.warn('query worker did not answer; answering here', { interaction: interaction.id, error });
    return null;
  });
  const deferAfterMs = deps.deferAfterMs === undefined ? DEFER_AFTER_MS : deps.deferAfterMs;
  if (deferAfterMs === null || interaction.type === InteractionType.ApplicationCommandAutocomplete) return answered;
  const first = await unlessLate(answered, deferAfterMs);
  if (first !== 'late') return first;
  const button = interaction.type === InteractionType.MessageComponent;
  const bodyOf = async (): Promise<MessageBody> => {
    const reply = (await answered) ?? (await handleHere(interaction, { ...deps, deferAfterMs: null }));
    const data = 'data' in reply.response && reply.response.data ? (reply.response.data as MessageBody) : renderNotice(STALE_BUTTON);
    if (button) delete data.flags;
    return data;
  };
  const deferred: APIInteractionResponse = button
    ? { type: InteractionResponseType.DeferredMessageUpdate }
    : { type: InteractionResponseType.DeferredChannelMessageWithSource, data: asksPublic(interaction) ? {} : { flags: MessageFlags.Ephemeral } };
  return { response: deferred, followUp: bodyOf };
}

/**
 * The immediate answer to a read-only interaction turned away under load: an ephemeral notice
 * (a new message, also for a page button, whose own message stays as it is), or no autocomplete
 * choices.
 */
function busyReply(interaction: APIInteraction): InteractionReply {
  if (interaction.type === InteractionType.ApplicationCommandAutocomplete) {
    return { response: { type: InteractionResponseType.ApplicationCommandAutocompleteResult, data: { choices: [] } }, shed: true };
  }
  return { response: message(renderNotice(BUSY)), shed: true };
}

/**
 * Answers one interaction (see the module comment), in a query worker when it only reads (`raw`:
 * the interaction's JSON as received, if the transport has it). Never throws.
 */
export async function handleInteraction(interaction: APIInteraction, deps: InteractionDeps, raw?: string): Promise<InteractionReply> {
  if (deps.pool && readsOnly(interaction, deps.context.commands)) {
    const pooled = await viaPool(interaction, deps, raw);
    if (pooled) return pooled;
  }
  const reply = await handleHere(interaction, deps);
  const pool = deps.pool;
  if (pool && reply.followUp && composesBriefing(interaction)) {
    // A briefing ranks every visible passage (seconds on a large corpus): the main thread has
    // checked the moderator and deferred; a query worker composes the message (the main thread
    // does when none can).
    const here = reply.followUp;
    const json = raw ?? JSON.stringify(interaction);
    reply.followUp = async () => {
      const asked = pool.ask(json, true);
      if (!asked) return here();
      try {
        return JSON.parse(DECODER.decode(await asked)) as MessageBody;
      } catch (error) {
        deps.log.warn('query worker did not compose the briefing; composing it here', { interaction: interaction.id, error });
        return here();
      }
    };
  }
  return reply;
}

/** A /brief preview (`/brief` or `/brief now`) or one of its page buttons: computed, not posted. */
function composesBriefing(interaction: APIInteraction): boolean {
  if (interaction.type === InteractionType.MessageComponent) {
    return interaction.data.component_type === ComponentType.Button && decodePageState(interaction.data.custom_id)?.command === 'brief';
  }
  if (interaction.type !== InteractionType.ApplicationCommand || interaction.data.name !== 'brief') return false;
  const first = (interaction.data as { options?: Array<{ type?: number; name?: string }> }).options?.[0];
  return first === undefined || first.type !== ApplicationCommandOptionType.Subcommand || first.name === 'now';
}

/** Answers one interaction in this thread. Never throws. */
async function handleHere(interaction: APIInteraction, deps: InteractionDeps): Promise<InteractionReply> {
  try {
    switch (interaction.type) {
      case InteractionType.Ping:
        return { response: { type: InteractionResponseType.Pong } };
      case InteractionType.ApplicationCommand:
        return await handleCommand(interaction, deps);
      case InteractionType.ApplicationCommandAutocomplete:
        return await handleAutocomplete(interaction, deps);
      case InteractionType.MessageComponent:
        if (decodeBriefAction(interaction.data.custom_id)) return await handleBriefAction(interaction, deps);
        return await handleButton(interaction, deps);
      case InteractionType.ModalSubmit:
        return await handleModal(interaction, deps);
      default:
        return { response: message(renderNotice(UNKNOWN_COMMAND)) };
    }
  } catch (error) {
    return { response: message(apology(deps.log, error, interaction)) };
  }
}
