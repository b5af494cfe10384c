// The community module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const communityErrors = defineErrors({
  COMMUNITY_NOTE_NOT_FOUND: { status: 404, en: 'No such note.', zh: '找不到这篇笔记' },
  COMMUNITY_COMMENT_NOT_FOUND: { status: 404, en: 'No such comment.', zh: '找不到这条评论' },
  COMMUNITY_PERSON_NOT_FOUND: { status: 404, en: 'No such person.', zh: '找不到这个用户' },
  COMMUNITY_ORDER_NOT_FOUND: { status: 404, en: 'No such order of yours.', zh: '找不到你的这笔订单' },
  COMMUNITY_ORDER_NOT_PAID: { status: 422, en: 'Only a paid order can be shown off (晒单).', zh: '只有已付款的订单才能晒单' },
  COMMUNITY_ORDER_ALREADY_SHOWN: { status: 409, en: 'This order already has a note.', zh: '这笔订单已经晒过单了' },
  COMMUNITY_PRODUCT_NOT_FOUND: { status: 422, en: 'A tagged product does not exist or is not on sale.', zh: '标记的商品不存在或未上架' },
  COMMUNITY_TOO_MANY_PRODUCTS: { status: 422, en: 'A note tags at most 9 products.', zh: '一篇笔记最多标记 9 件商品' },
  COMMUNITY_TEXT_EMPTY: { status: 400, en: 'The text is empty once unsafe markup is removed.', zh: '去除不安全内容后正文为空' },
  COMMUNITY_CONTENT_REFUSED: { status: 422, en: 'This content breaks the community rules and was not posted.', zh: '内容违反社区规范，未能发布' },
  COMMUNITY_NOT_YOURS: { status: 403, en: 'Only its author can do that.', zh: '只有作者本人可以这样操作' },
  COMMUNITY_COMMENT_PARENT_INVALID: { status: 422, en: 'A reply answers a comment on the same note.', zh: '回复的评论不在这篇笔记下' },
  COMMUNITY_FOLLOW_SELF: { status: 422, en: 'You cannot follow yourself.', zh: '不能关注自己' },
  COMMUNITY_KOL_STATUS: { status: 409, en: 'The KOL record cannot do that in its current status.', zh: '达人认证当前状态不允许此操作' },
  COMMUNITY_TOPIC_INVALID: { status: 400, en: 'A topic is 1 to 20 letters, digits or underscores.', zh: '话题须为 1–20 个文字、数字或下划线' },
  COMMUNITY_CURSOR_INVALID: { status: 400, en: 'That cursor does not belong to this list; start again without it.', zh: '分页游标无效，请从头加载' },
  COMMUNITY_NOTE_STATUS: { status: 409, en: 'The note cannot do that in its current status.', zh: '笔记当前状态不允许此操作' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof communityErrors> {}
}
