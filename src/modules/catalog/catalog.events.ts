// Events of the catalog: categories and products.
import { defineEvent, type EventPayloads } from '../../platform/events.ts';
import { Nullable, Type } from '../../platform/schema.ts';

const Id = Type.String();
const Obj = Type.Object;

export const catalogEvents = [
  defineEvent('category.created', 'A category was created', Obj({ categoryId: Id, parentId: Nullable(Id) })),
  defineEvent('category.updated', 'A category was edited', Obj({ categoryId: Id, changes: Type.Array(Type.String()) })),
  defineEvent('category.deleted', 'A category was deleted', Obj({ categoryId: Id })),
  defineEvent('product.created', 'A product was created with its SKUs', Obj({ productId: Id, categoryId: Nullable(Id), status: Type.String(), skuIds: Type.Array(Id), actorId: Nullable(Id) })),
  defineEvent('product.updated', 'A product or one of its SKUs was edited', Obj({ productId: Id, changes: Type.Array(Type.String()), status: Type.Optional(Type.String()), skuId: Type.Optional(Id), skuChanges: Type.Optional(Type.Array(Type.String())), actorId: Nullable(Id) })),
] as const;

declare module '../../platform/events.ts' {
  interface EventCatalog extends EventPayloads<typeof catalogEvents> {}
}
