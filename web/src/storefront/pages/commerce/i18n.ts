import type { Namespace } from '../../../shared/i18n';

export const shop: Namespace = { 'zh-CN': {}, en: {} };
