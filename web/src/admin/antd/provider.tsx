// Ant Design for the console: its locale follows the console's language (zh-CN or en), and its
// theme takes the console's colours, so antd pages and the older hand-made ones sit side by side
// while the console moves over page by page. antd injects its styles at run time; the console's
// CSP admits them by the per-page nonce the server writes into <meta name="csp-nonce">.
import { App as AntdApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

const nonce = document.querySelector<HTMLMetaElement>('meta[name="csp-nonce"]')?.content;

export function AntdProvider({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <ConfigProvider locale={en ? enUS : zhCN} csp={nonce ? { nonce } : undefined} theme={{ token: { colorPrimary: '#d5281f', colorLink: '#a81d16', borderRadius: 6, fontFamily: 'inherit' } }}>
      <AntdApp>{children}</AntdApp>
    </ConfigProvider>
  );
}
