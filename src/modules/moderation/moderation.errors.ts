// The moderation module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const moderationErrors = defineErrors({
  MODERATION_ITEM_NOT_FOUND: { status: 404, en: 'No such moderation item.', zh: '找不到这条待审内容' },
  MODERATION_ALREADY_DECIDED: { status: 409, en: 'This item has already been decided.', zh: '这条内容已经审核过了' },
  MODERATION_WORD_NOT_FOUND: { status: 404, en: 'No such word in the list.', zh: '词库中没有这个词' },
  MODERATION_WORD_INVALID: { status: 422, en: 'A listed word needs at least one letter, digit or Chinese character.', zh: '敏感词至少要包含一个文字或数字' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof moderationErrors> {}
}
