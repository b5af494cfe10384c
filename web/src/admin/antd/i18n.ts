// Words of the console's shared Ant Design pieces (pickers), zh-CN and en.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  customer: '顾客', customerPlaceholder: '姓名、手机号或邮箱', noCustomer: '没有找到这位顾客', typeToSearch: '输入姓名、完整手机号或邮箱',
};
const en: typeof zh = {
  customer: 'Customer', customerPlaceholder: 'Name, phone or email', noCustomer: 'No such customer', typeToSearch: 'Type a name, a whole phone number or an email',
};

export const antdKit: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'antdkit')) i18n.addResourceBundle(lang, 'antdkit', antdKit[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
