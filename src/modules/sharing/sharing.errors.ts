// The sharing module's error codes: HTTP status and what a person reads, in English and Chinese.
import { defineErrors, type ErrorCodes } from '../../platform/errors.ts';

export const sharingErrors = defineErrors({
  SHARING_CURSOR_INVALID: { status: 400, en: 'This list has changed. Refresh and load it again.', zh: '列表已变化，请刷新后重新加载' },
  SHARING_LINK_NOT_FOUND: { status: 404, en: 'This share link does not exist or is no longer valid.', zh: '这个分享链接无效或已失效' },
  SHARING_SHARE_NOT_FOUND: { status: 404, en: 'This share could not be found.', zh: '找不到这条分享记录' },
  SHARING_TARGET_NOT_FOUND: { status: 404, en: 'What you want to share no longer exists.', zh: '要分享的内容不存在或已下架' },
  SHARING_TARGET_UNSUPPORTED: { status: 422, en: 'This kind of content cannot be shared yet.', zh: '这类内容暂不支持分享' },
});

declare module '../../platform/errors.ts' {
  interface ErrorCatalog extends ErrorCodes<typeof sharingErrors> {}
}
