// Events of moderation. Owning modules (reviews, community, live) consume `moderation.decided` to
// publish or hide the content an operator decided.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Type } from '../../platform/schema.ts';

const Kind = Type.Union([Type.Literal('review'), Type.Literal('note'), Type.Literal('comment'), Type.Literal('chat')]);

export const moderationEvents = [
  defineEvent('moderation.decided', 'An operator decided held content: approved (publish it) or refused (keep it hidden)', Type.Object({
    kind: Kind,
    subjectId: Type.String(),
    verdict: Type.Union([Type.Literal('approved'), Type.Literal('refused')]),
  })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof moderationEvents> {}
}
