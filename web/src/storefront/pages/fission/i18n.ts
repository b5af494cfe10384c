import type { Namespace } from '../../../shared/i18n';

export const fission: Namespace = { 'zh-CN': {}, en: {} };
