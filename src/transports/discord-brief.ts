import { ButtonStyle, ChannelType, ComponentType, type APIActionRowComponent, type APIComponentInMessageActionRow } from 'discord.js';
import { LIMITS } from '../render/discord/index.ts';

/**
 * The buttons under a /brief preview: Post here, Post to… (then a channel select), Cancel. Their
 * custom_id carries what is needed to recompute the briefing (topic and since; the target is the
 * interaction's channel or the selected one), so they work after a restart, on any shard and over
 * HTTP. Format: `bp:<action>:<since>:<topic>`, the topic last and unescaped, at most 100 characters.
 */

export const BRIEF_PREFIX = 'bp:';

/** h: post here; t: show the channel select; s: post to the selected channel; x: cancel. */
export type BriefAction = 'h' | 't' | 's' | 'x';

export interface BriefState {
  topic: string | null;
  since: string | null;
}

/** The custom_id for `action` on `state`, or null when the topic is too long to fit. */
export function encodeBriefAction(action: BriefAction, state: BriefState): string | null {
  const since = state.since ?? '';
  if (!/^[\d-]*$/.test(since)) return null;
  const id = `${BRIEF_PREFIX}${action}:${since}:${state.topic ?? ''}`;
  return id.length <= LIMITS.customId ? id : null;
}

/** Reads a preview button's custom_id; null for anything else. */
export function decodeBriefAction(customId: string): { action: BriefAction; state: BriefState } | null {
  const m = /^bp:([htsx]):([\d-]*):([\s\S]*)$/.exec(customId);
  if (!m || customId.length > LIMITS.customId) return null;
  return { action: m[1] as BriefAction, state: { since: m[2] || null, topic: m[3] || null } };
}

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** Post here / Post to… / Cancel, or null when the state does not fit a custom_id. */
export function previewRow(state: BriefState): Row | null {
  const here = encodeBriefAction('h', state);
  const to = encodeBriefAction('t', state);
  if (!here || !to) return null;
  return {
    type: ComponentType.ActionRow,
    components: [
      { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Post here', custom_id: here },
      { type: ComponentType.Button, style: ButtonStyle.Secondary, label: 'Post to…', custom_id: to },
      { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Cancel', custom_id: `${BRIEF_PREFIX}x::` },
    ],
  };
}

/** The channel select (text and announcement channels), then Post here / Cancel. */
export function channelSelectRows(state: BriefState): Row[] {
  const select = encodeBriefAction('s', state);
  const here = encodeBriefAction('h', state);
  if (!select || !here) return [];
  return [
    {
      type: ComponentType.ActionRow,
      components: [{ type: ComponentType.ChannelSelect, custom_id: select, placeholder: 'Post to…', channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement], min_values: 1, max_values: 1 }],
    },
    {
      type: ComponentType.ActionRow,
      components: [
        { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Post here', custom_id: here },
        { type: ComponentType.Button, style: ButtonStyle.Danger, label: 'Cancel', custom_id: `${BRIEF_PREFIX}x::` },
      ],
    },
  ];
}

/** Shown instead of the post buttons when the topic is too long for a custom_id. */
export const TOPIC_TOO_LONG = 'This topic is too long to post from the buttons: run /brief now again with a shorter topic to post it.';
