// API error codes as human messages. A code without an entry falls back to the generic message
// with the server's own (English) text, so a new code is never shown as a raw identifier alone.
import type { Namespace } from './index';

export const errors: Namespace = {
  'zh-CN': {
    fallback: '操作未成功：{{message}}',
    NETWORK: '网络连接失败，请检查网络后重试',
    AUTH_REQUIRED: '请先登录',
    AUTH_FORBIDDEN: '没有权限执行此操作',
    VALIDATION_FAILED: '填写的内容有误，请检查后再提交',
    RATE_LIMITED: '操作太频繁，请稍后再试',
  },
  en: {
    fallback: 'That did not work: {{message}}',
    NETWORK: 'Could not reach the server. Check your connection and try again.',
    AUTH_REQUIRED: 'Please sign in first.',
    AUTH_FORBIDDEN: 'You are not allowed to do that.',
    VALIDATION_FAILED: 'Some of the details are not valid. Please check and try again.',
    RATE_LIMITED: 'Too many attempts. Please wait a moment and try again.',
  },
};
