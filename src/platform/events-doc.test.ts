import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defineEvent } from './events.ts';
import { describeSchema, eventsPage } from './events-doc.ts';
import { Nullable, Type } from './schema.ts';
import { moduleList } from '../modules.ts';

describe('event catalog page', () => {
  it('describes payload fields with their types and optionality', () => {
    const e = defineEvent('thing.happened', 'A thing happened', Type.Object({ id: Type.String(), amount: Type.Integer(), note: Type.Optional(Nullable(Type.String())), lines: Type.Array(Type.Object({ skuId: Type.String() })) }));
    expect(describeSchema(e.schema)).toBe('{ id: string, amount: integer, note?: string | null, lines: { skuId: string }[] }');
    expect(eventsPage([{ name: 'things', events: [e] }])).toContain('| `thing.happened` | A thing happened | `id`: string<br>`amount`: integer<br>`note?`: string \\| null<br>`lines`: { skuId: string }[] |');
  });

  it('docs/events.md is up to date with the modules (run npm run docs:events)', () => {
    const committed = fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/events.md'), 'utf8');
    expect(committed).toBe(eventsPage(moduleList));
  });

  it('every event type is declared once', () => {
    const names = moduleList.flatMap((m) => m.events.map((e) => e.name));
    expect(names.length).toBe(new Set(names).size);
  });
});
