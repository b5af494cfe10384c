import type { Namespace } from '../shared/i18n';

export const admin: Namespace = { 'zh-CN': {}, en: {} };
