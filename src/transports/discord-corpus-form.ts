import { ComponentType, InteractionResponseType, TextInputStyle, type APIModalInteractionResponse } from 'discord.js';
import type { ArticleFields } from '../services/corpus.ts';

/**
 * The /corpus add form: a modal with title, publisher, date, url and text, shown when /corpus add
 * has no attachment; its submission is read back into the fields `corpus.addFields` takes.
 */

/** custom_id of the form (nothing else to carry: guild and user come with the submission). */
export const CORPUS_FORM_ID = 'corpus:add';

/** Longest article text the form takes (Discord's text input limit). */
export const FORM_TEXT_MAX = 4000;

const FIELDS = [
  { id: 'title', label: 'Title', style: TextInputStyle.Short, required: true, max: 300, placeholder: 'The headline' },
  { id: 'publisher', label: 'Publisher', style: TextInputStyle.Short, required: false, max: 200, placeholder: 'e.g. Reuters' },
  { id: 'date', label: 'Date published (YYYY-MM-DD)', style: TextInputStyle.Short, required: false, max: 10, placeholder: '2026-02-07' },
  { id: 'url', label: 'URL', style: TextInputStyle.Short, required: false, max: 1000, placeholder: 'https://…' },
  { id: 'text', label: 'Text (paragraphs separated by a blank line)', style: TextInputStyle.Paragraph, required: true, max: FORM_TEXT_MAX, placeholder: 'The article, as published' },
] as const;

/** The modal response. */
export function corpusFormModal(): APIModalInteractionResponse {
  return {
    type: InteractionResponseType.Modal,
    data: {
      custom_id: CORPUS_FORM_ID,
      title: 'Add an article',
      components: FIELDS.map((f) => ({
        type: ComponentType.ActionRow,
        components: [{ type: ComponentType.TextInput, custom_id: f.id, label: f.label, style: f.style, required: f.required, max_length: f.max, placeholder: f.placeholder }],
      })),
    },
  };
}

/** Every `{custom_id, value}` in a modal submission (action rows or labels, however nested). */
function submitted(components: unknown, out: Map<string, string> = new Map()): Map<string, string> {
  if (Array.isArray(components)) {
    for (const c of components) submitted(c, out);
  } else if (typeof components === 'object' && components !== null) {
    const c = components as { custom_id?: unknown; value?: unknown; components?: unknown; component?: unknown };
    if (typeof c.custom_id === 'string' && typeof c.value === 'string') out.set(c.custom_id, c.value);
    if (c.components !== undefined) submitted(c.components, out);
    if (c.component !== undefined) submitted(c.component, out);
  }
  return out;
}

/** The article typed into the form; missing fields are empty (the service says what is required). */
export function corpusFormFields(components: unknown): ArticleFields {
  const v = submitted(components);
  const opt = (id: string): string | undefined => {
    const s = v.get(id)?.trim();
    return s ? s : undefined;
  };
  return { title: v.get('title') ?? '', publisher: opt('publisher'), date: opt('date'), url: opt('url'), text: v.get('text') ?? '' };
}
