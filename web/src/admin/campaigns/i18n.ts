import type { Namespace } from '../../shared/i18n';

export const campaigns: Namespace = { 'zh-CN': {}, en: {} };
