// API error codes as human messages. Every code the server answers with comes from the server's
// error catalog, generated at build time from each module's defineErrors() declarations
// (web/generated/errors.json, by scripts/build-web.mjs); only the client's own codes (NETWORK and
// HTTP_<status> from web/src/shared/api.ts) and the fallback are written here. errorText() in
// ../ui.tsx looks a code up with the error's details as interpolation values.
import catalog from '../../../generated/errors.json' with { type: 'json' };
import type { Messages, Namespace } from './index.ts';

type ErrorCatalog = Record<string, { status: number; en: string; zh: string }>;
const server = catalog as ErrorCatalog;
const fromCatalog = (lang: 'en' | 'zh'): Messages => Object.fromEntries(Object.entries(server).map(([code, d]) => [code, d[lang]]));

export const errors: Namespace = {
  'zh-CN': {
    ...fromCatalog('zh'),
    HTTP_500: '服务器出了点问题，请稍后再试',
    HTTP_502: '服务暂时无法访问，请稍后再试',
    HTTP_503: '服务暂时不可用，请稍后再试',
    HTTP_504: '服务器响应超时，请稍后再试',
    NETWORK: '网络连接失败，请检查网络后重试',
    fallback: '操作未成功：{{message}}',
  },
  en: {
    ...fromCatalog('en'),
    HTTP_500: 'Something went wrong on our side. Please try again in a moment.',
    HTTP_502: 'The service is temporarily unreachable. Please try again in a moment.',
    HTTP_503: 'The service is temporarily unavailable. Please try again in a moment.',
    HTTP_504: 'The server took too long to answer. Please try again in a moment.',
    NETWORK: 'Could not reach the server. Check your connection and try again.',
    fallback: 'That did not work: {{message}}',
  },
};
