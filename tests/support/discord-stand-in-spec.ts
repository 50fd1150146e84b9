import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction } from 'ajv';

/**
 * Validates request bodies against Discord's OpenAPI spec (tests/fixtures/discord/openapi.json,
 * MIT, copied from discord/discord-api-spec) plus the limits the spec does not hold.
 */

const SPEC_ID = 'discord-openapi';
const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

let ajv: InstanceType<typeof Ajv2020> | null = null;
const compiled = new Map<string, ValidateFunction>();

function instance(): InstanceType<typeof Ajv2020> {
  if (ajv) return ajv;
  const spec = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/discord/openapi.json'), 'utf8')) as Record<string, unknown>;
  ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, logger: false });
  addFormats(ajv);
  // Discord's own formats: ids are decimal strings; int64 numbers may come as strings too.
  ajv.addFormat('snowflake', /^\d{1,20}$/);
  ajv.addFormat('int64', true);
  ajv.addSchema({ ...spec, $id: SPEC_ID });
  return ajv;
}

function pointer(...parts: string[]): string {
  return parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}

/** The request-body schema of `method path` in the spec. */
function requestValidator(path: string, method: string): ValidateFunction {
  const key = `${method} ${path}`;
  let v = compiled.get(key);
  if (!v) {
    v = instance().compile({ $ref: `${SPEC_ID}#/${pointer('paths', path, method, 'requestBody', 'content', 'application/json', 'schema')}` });
    compiled.set(key, v);
  }
  return v;
}

export type SpecRoute = 'commands' | 'callback' | 'edit' | 'followup' | 'message';

const ROUTES: Record<SpecRoute, [string, string]> = {
  commands: ['/applications/{application_id}/commands', 'put'],
  callback: ['/interactions/{interaction_id}/{interaction_token}/callback', 'post'],
  edit: ['/webhooks/{webhook_id}/{webhook_token}/messages/@original', 'patch'],
  followup: ['/webhooks/{webhook_id}/{webhook_token}', 'post'],
  message: ['/channels/{channel_id}/messages', 'post'],
};

/** Problems with `body` as a request to `route`: spec errors, then the limits the spec lacks. Empty when valid. */
export function specProblems(route: SpecRoute, body: unknown): string[] {
  const [path, method] = ROUTES[route];
  const validate = requestValidator(path, method);
  const problems: string[] = [];
  // Known difference (see the spec's README): default_member_permissions is an integer in the
  // spec, but Discord documents and discord.js sends it as a decimal string.
  const checked = route === 'commands' && Array.isArray(body)
    ? (body as Array<Record<string, unknown>>).map((c) => (typeof c.default_member_permissions === 'string' && /^\d+$/.test(c.default_member_permissions)
      ? { ...c, default_member_permissions: Number(c.default_member_permissions) }
      : c))
    : body;
  if (!validate(checked)) {
    for (const e of validate.errors ?? []) problems.push(`${e.instancePath || '/'} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    // anyOf errors repeat for every branch; keep them short.
    if (problems.length > 12) problems.splice(12, problems.length - 12, '…');
  }
  problems.push(...extraLimitProblems(route, body));
  return problems;
}

function messageOf(route: SpecRoute, body: unknown): Record<string, unknown> | null {
  if (typeof body !== 'object' || body === null) return null;
  if (route === 'callback') {
    const data = (body as { data?: unknown }).data;
    return typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : null;
  }
  return body as Record<string, unknown>;
}

/** The limits Discord documents but the spec does not hold: 6,000 over all embeds, 5 rows, choices ≤ 100. */
export function extraLimitProblems(route: SpecRoute, body: unknown): string[] {
  const problems: string[] = [];
  if (route === 'commands') {
    for (const cmd of Array.isArray(body) ? (body as Array<{ name: string; options?: Array<{ name: string; choices?: Array<{ name: string; value: unknown }> }> }>) : []) {
      // Chat-input names: lower case letters, digits, - and _ (the spec has only the length).
      for (const name of [cmd.name, ...(cmd.options ?? []).map((o) => o.name)]) if (!/^[-_\p{Ll}\p{Lo}\p{N}]{1,32}$/u.test(name)) problems.push(`bad name "${name}"`);
      for (const o of cmd.options ?? []) for (const c of o.choices ?? []) if (typeof c.value === 'string' && c.value.length > 100) problems.push('choice value over 100');
    }
    return problems;
  }
  const msg = messageOf(route, body);
  if (!msg) return problems;
  const choices = msg.choices as Array<{ name: string; value: unknown }> | undefined;
  if (choices) {
    if (choices.length > 25) problems.push(`${choices.length} choices (max 25)`);
    for (const c of choices) {
      if (c.name.length < 1 || c.name.length > 100) problems.push(`choice name of ${c.name.length} characters`);
      if (typeof c.value === 'string' && (c.value.length < 1 || c.value.length > 100)) problems.push(`choice value of ${c.value.length} characters`);
    }
  }
  const embeds = (msg.embeds ?? []) as Array<{ title?: string; description?: string; footer?: { text: string }; author?: { name: string }; fields?: Array<{ name: string; value: string }> }>;
  const total = embeds.reduce((n, e) => n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0) + (e.author?.name.length ?? 0)
    + (e.fields ?? []).reduce((m, f) => m + f.name.length + f.value.length, 0), 0);
  if (total > 6000) problems.push(`embeds total ${total} characters (max 6000)`);
  const rows = (msg.components ?? []) as Array<{ components?: Array<{ custom_id?: string }> }>;
  if (rows.length > 5) problems.push(`${rows.length} action rows (max 5)`);
  for (const r of rows) {
    if ((r.components?.length ?? 0) > 5) problems.push('more than 5 components in a row');
    for (const c of r.components ?? []) if (c.custom_id !== undefined && c.custom_id.length > 100) problems.push('custom_id over 100');
  }
  if (typeof msg.content === 'string' && msg.content.length > 2000) problems.push('content over 2000');
  if (('embeds' in msg || 'content' in msg) && JSON.stringify(msg.allowed_mentions) !== '{"parse":[]}') problems.push('allowed_mentions is not { parse: [] }');
  return problems;
}
