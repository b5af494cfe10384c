// The event catalog as a Markdown page (docs/events.md): what integrators subscribe to.
import type { TSchema } from 'typebox';
import type { EventDefinition } from './events.ts';

type SchemaLike = TSchema & { type?: string; properties?: Record<string, SchemaLike>; required?: string[]; items?: SchemaLike; anyOf?: SchemaLike[]; const?: unknown };

/** A short type for a payload field: `string`, `integer`, `string | null`, `{ id, amount }[]`. */
export function describeSchema(schema: SchemaLike): string {
  if (schema.anyOf) return schema.anyOf.map(describeSchema).join(' | ');
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.type === 'array') return `${describeSchema(schema.items ?? ({} as SchemaLike))}[]`;
  if (schema.type === 'object') {
    const props = schema.properties ?? {};
    const required = new Set(schema.required ?? []);
    return `{ ${Object.entries(props).map(([k, v]) => `${k}${required.has(k) ? '' : '?'}: ${describeSchema(v)}`).join(', ')} }`;
  }
  return schema.type ?? 'any';
}

export function eventsPage(modules: readonly { name: string; events: readonly EventDefinition[] }[]): string {
  const lines = [
    '# Event catalog',
    '',
    'Generated from the modules\' `defineEvent()` declarations by `npm run docs:events`; do not edit by hand.',
    '',
    'Every state change writes one of these events to the outbox in the same transaction. In-process consumers receive them at least once; integrators receive them as signed webhooks (Standard Webhooks) by subscribing an endpoint to their types. Money is in minor units (fen); times are ISO 8601 UTC.',
    '',
  ];
  for (const m of modules) {
    if (!m.events.length) continue;
    lines.push(`## ${m.name}`, '', '| event | when | payload |', '|---|---|---|');
    for (const e of m.events) {
      const schema = e.schema as SchemaLike;
      const required = new Set(schema.required ?? []);
      const fields = Object.entries(schema.properties ?? {}).map(([k, v]) => `\`${k}${required.has(k) ? '' : '?'}\`: ${describeSchema(v).replaceAll('|', '\\|')}`);
      lines.push(`| \`${e.name}\` | ${e.description} | ${fields.join('<br>')} |`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
