// i18next with one namespace per area, each a { 'zh-CN', en } pair owned by that area's code.
// zh-CN is the default; the choice is remembered in localStorage and mirrored on <html lang>.
import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { common } from './common.ts';
import { errors } from './errors.ts';

export type Lang = 'zh-CN' | 'en';
export const LANGS: Lang[] = ['zh-CN', 'en'];
export type Messages = { [key: string]: string | Messages };
export type Namespace = Record<Lang, Messages>;

const STORAGE_KEY = 'fission.lang';

function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'zh-CN') return saved;
  } catch {
    // storage may be unavailable (private mode); fall back to the default
  }
  return 'zh-CN';
}

export function setupI18n(namespaces: Record<string, Namespace>) {
  const all: Record<string, Namespace> = { common, errors, ...namespaces };
  const resources: Record<string, Record<string, Messages>> = {};
  for (const lang of LANGS) {
    resources[lang] = Object.fromEntries(Object.entries(all).map(([ns, pair]) => [ns, pair[lang]]));
  }
  const lng = initialLang();
  document.documentElement.lang = lng;
  void i18n.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'zh-CN',
    defaultNS: 'common',
    ns: Object.keys(all),
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n;
}

export function switchLanguage(lang: Lang) {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // not remembered; still switched for this page
  }
  document.documentElement.lang = lang;
  void i18n.changeLanguage(lang);
}
