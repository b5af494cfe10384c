// Express carriers an operator ships with, by their Kuaidi100 company codes: the codes Chinese
// tracking services and marketplaces exchange, so a tracking look-up needs no mapping. Stored on
// the order as the code; names are for display. Orders shipped before this list kept free text,
// which `carrierName` shows as it is.
export interface Carrier {
  code: string;
  zh: string;
  en: string;
}

export const CARRIERS: readonly Carrier[] = [
  { code: 'shunfeng', zh: '顺丰速运', en: 'SF Express' },
  { code: 'zhongtong', zh: '中通快递', en: 'ZTO Express' },
  { code: 'yuantong', zh: '圆通速递', en: 'YTO Express' },
  { code: 'yunda', zh: '韵达快递', en: 'Yunda Express' },
  { code: 'shentong', zh: '申通快递', en: 'STO Express' },
  { code: 'jtexpress', zh: '极兔速递', en: 'J&T Express' },
  { code: 'jd', zh: '京东物流', en: 'JD Logistics' },
  { code: 'ems', zh: 'EMS', en: 'EMS' },
  { code: 'youzhengguonei', zh: '邮政快递包裹', en: 'China Post parcel' },
  { code: 'debangkuaidi', zh: '德邦快递', en: 'Deppon Express' },
  { code: 'danniao', zh: '丹鸟', en: 'Danniao' },
  { code: 'zhongtongkuaiyun', zh: '中通快运', en: 'ZTO Freight' },
  { code: 'annengwuliu', zh: '安能物流', en: 'ANE Logistics' },
  { code: 'kuayue', zh: '跨越速运', en: 'KY Express' },
];

const byCode = new Map(CARRIERS.map((c) => [c.code, c]));

export const isCarrierCode = (code: string) => byCode.has(code);

/** The carrier's name in a language, or the stored text itself for a carrier typed before the list. */
export const carrierName = (code: string, lang: 'zh' | 'en') => byCode.get(code)?.[lang] ?? code;
