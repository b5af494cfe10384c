// Demo shoppers: Chinese names, unique mobile numbers, real provinces/cities/districts, sign-ups
// spread over the last 180 days and a friendship graph shaped like a real social network
// (preferential attachment with triadic closure, plus a few KOL hubs).
//
// Everything is generated from a fixed seed, ids included, so a re-run after an interruption
// produces the same rows and the identity import skips the ones already stored.
import { Faker, base, en, zh_CN } from '@faker-js/faker';
import type { Platform } from '../platform/context.ts';
import type { ImportedAddress, ImportedFriendship, ImportedUser } from '../modules/identity/index.ts';
import type { Services } from '../services.ts';
import { seededRandom } from '../platform/random.ts';
export { seededRandom };

export const DEMO_PASSWORD = 'fission-demo-2026';
const SEED = 2026;
const SIGNUP_WINDOW_DAYS = 180;
const CHUNK = 500;
const DAY_MS = 86_400_000;

export interface SeedPeopleOptions {
  /** 1 gives 1,000 shoppers; fractions are allowed. */
  scale: number;
  /** Exact number of shoppers, overriding scale (tests use a few dozen). */
  count?: number;
  onProgress?: (done: number, total: number) => void;
}

// ---------------------------------------------------------------------------------------------
// Pure parts: the friendship graph (random source from platform/random.ts).


export interface FriendGraph {
  /** [joiner, earlier]: each edge is made by the later of the two nodes, so joiner > earlier. */
  edges: Array<[number, number]>;
  /** Nodes that attract followers regardless of degree (KOLs). */
  kols: number[];
}

/**
 * Nodes 0..n-1 join in order. Each joiner befriends a few earlier nodes: the first chosen with
 * probability proportional to degree + 1 (preferential attachment, so early and popular people
 * gather friends), each further one, half of the time, among the friends of the previous pick
 * (triadic closure: friends of friends, which gives the clustering of a small world). On top of
 * that a joiner follows on average 0.6 KOLs; with one KOL per 200 nodes chosen among the first
 * 5%, each ends with ~120+ friends whatever n is. Average degree comes out around 8.
 */
export function buildFriendGraph(n: number, random: () => number): FriendGraph {
  const kolCount = n < 2 ? 0 : Math.max(1, Math.round(n / 200));
  const earlyPool = Math.max(kolCount, Math.ceil(n * 0.05));
  const kols: number[] = [];
  while (kols.length < kolCount) {
    const k = Math.floor(random() * earlyPool);
    if (!kols.includes(k)) kols.push(k);
  }
  kols.sort((a, b) => a - b);

  const edges: Array<[number, number]> = [];
  const seen = new Set<number>();
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  // Each node appears once for itself and once per friendship: sampling uniformly from it is
  // sampling proportionally to degree + 1.
  const pool: number[] = [];
  const link = (a: number, b: number): boolean => {
    if (a === b) return false;
    const key = a < b ? a * n + b : b * n + a;
    if (seen.has(key)) return false;
    seen.add(key);
    edges.push([Math.max(a, b), Math.min(a, b)]);
    neighbours[a].push(b);
    neighbours[b].push(a);
    pool.push(a, b);
    return true;
  };

  for (let i = 0; i < n; i++) {
    if (i > 0) {
      // How many people this joiner adds: mostly 1-4, a long tail of sociable ones (mean ~3.4).
      const wanted = Math.min(i, 1 + Math.min(24, Math.floor(-Math.log(1 - random()) * 2.9)));
      let made = 0;
      let previous = -1;
      for (let attempt = 0; made < wanted && attempt < wanted * 6; attempt++) {
        let target: number;
        if (previous >= 0 && random() < 0.5 && neighbours[previous].length > 0) {
          const candidates = neighbours[previous];
          target = candidates[Math.floor(random() * candidates.length)];
        } else {
          target = pool[Math.floor(random() * pool.length)];
        }
        if (link(i, target)) {
          made++;
          previous = target;
        }
      }
      // Follow KOLs who joined earlier: Poisson(0.6) of them.
      const earlierKols = kols.filter((k) => k < i);
      if (earlierKols.length > 0) {
        let follows = 0;
        for (let p = Math.exp(-0.6), u = random(); u > p; u *= random()) follows++;
        for (let f = 0; f < follows; f++) link(i, earlierKols[Math.floor(random() * earlierKols.length)]);
      }
    }
    pool.push(i);
  }
  return { edges, kols };
}

// ---------------------------------------------------------------------------------------------
// Places: real provinces, cities and districts, weighted roughly by online-shopping population.

interface City {
  province: string;
  city: string;
  districts: string[];
  postalCode: string;
  weight: number;
}

const CITIES: City[] = [
  { province: '广东省', city: '深圳市', districts: ['南山区', '福田区', '罗湖区', '宝安区', '龙岗区', '龙华区'], postalCode: '518000', weight: 9 },
  { province: '广东省', city: '广州市', districts: ['天河区', '越秀区', '海珠区', '白云区', '番禺区'], postalCode: '510000', weight: 9 },
  { province: '广东省', city: '佛山市', districts: ['禅城区', '南海区', '顺德区'], postalCode: '528000', weight: 3 },
  { province: '上海市', city: '上海市', districts: ['浦东新区', '徐汇区', '静安区', '黄浦区', '长宁区', '闵行区', '杨浦区'], postalCode: '200000', weight: 10 },
  { province: '北京市', city: '北京市', districts: ['朝阳区', '海淀区', '东城区', '西城区', '丰台区', '通州区', '昌平区'], postalCode: '100000', weight: 9 },
  { province: '天津市', city: '天津市', districts: ['和平区', '南开区', '河西区', '滨海新区'], postalCode: '300000', weight: 3 },
  { province: '重庆市', city: '重庆市', districts: ['渝中区', '江北区', '南岸区', '渝北区', '沙坪坝区'], postalCode: '400000', weight: 4 },
  { province: '浙江省', city: '杭州市', districts: ['西湖区', '上城区', '拱墅区', '滨江区', '余杭区'], postalCode: '310000', weight: 7 },
  { province: '浙江省', city: '宁波市', districts: ['海曙区', '鄞州区', '江北区'], postalCode: '315000', weight: 3 },
  { province: '江苏省', city: '南京市', districts: ['玄武区', '秦淮区', '鼓楼区', '建邺区', '江宁区'], postalCode: '210000', weight: 5 },
  { province: '江苏省', city: '苏州市', districts: ['姑苏区', '吴中区', '相城区', '虎丘区'], postalCode: '215000', weight: 5 },
  { province: '四川省', city: '成都市', districts: ['锦江区', '青羊区', '武侯区', '成华区', '金牛区'], postalCode: '610000', weight: 6 },
  { province: '湖北省', city: '武汉市', districts: ['江汉区', '武昌区', '洪山区', '江岸区'], postalCode: '430000', weight: 5 },
  { province: '陕西省', city: '西安市', districts: ['雁塔区', '碑林区', '未央区', '莲湖区'], postalCode: '710000', weight: 4 },
  { province: '湖南省', city: '长沙市', districts: ['岳麓区', '芙蓉区', '天心区', '开福区'], postalCode: '410000', weight: 4 },
  { province: '河南省', city: '郑州市', districts: ['金水区', '二七区', '中原区', '管城回族区'], postalCode: '450000', weight: 4 },
  { province: '山东省', city: '青岛市', districts: ['市南区', '市北区', '崂山区', '黄岛区'], postalCode: '266000', weight: 3 },
  { province: '山东省', city: '济南市', districts: ['历下区', '市中区', '槐荫区'], postalCode: '250000', weight: 3 },
  { province: '福建省', city: '厦门市', districts: ['思明区', '湖里区', '集美区'], postalCode: '361000', weight: 3 },
  { province: '福建省', city: '福州市', districts: ['鼓楼区', '台江区', '仓山区'], postalCode: '350000', weight: 2 },
  { province: '安徽省', city: '合肥市', districts: ['蜀山区', '包河区', '庐阳区'], postalCode: '230000', weight: 3 },
  { province: '辽宁省', city: '沈阳市', districts: ['和平区', '沈河区', '皇姑区'], postalCode: '110000', weight: 2 },
  { province: '云南省', city: '昆明市', districts: ['五华区', '盘龙区', '官渡区'], postalCode: '650000', weight: 2 },
];
const CITY_WEIGHT_TOTAL = CITIES.reduce((s, c) => s + c.weight, 0);

// Street names found in nearly every Chinese city, and typical residential compound names.
const STREETS = ['人民路', '解放路', '中山路', '建设路', '和平路', '文化路', '新华路', '长江路', '黄河路', '青年路', '学府路', '光明路', '朝阳路', '胜利街', '北京路', '南京路', '科技路', '迎宾大道', '滨江大道', '幸福路'];
const ESTATES = ['阳光花园', '锦绣华庭', '金色家园', '翠苑小区', '碧桂园', '万科城', '绿地世纪城', '保利花园', '华润城', '幸福里', '龙湖春江郦城', '世纪花园', '东方明珠苑', '桃源居', '紫荆公寓', '书香门第', '未来科技城', '中海国际社区'];
// Real mobile prefixes of China Mobile, Unicom and Telecom.
const MOBILE_PREFIXES = ['130', '131', '132', '133', '134', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156', '157', '158', '159', '166', '173', '175', '176', '177', '178', '180', '181', '182', '183', '185', '186', '187', '188', '189', '191', '195', '198', '199'];
const MAIL_DOMAINS = ['qq.com', 'qq.com', '163.com', '126.com', 'sina.com', 'foxmail.com', 'gmail.com', 'outlook.com'];

// ---------------------------------------------------------------------------------------------

interface DemoShopper {
  user: ImportedUser;
  realName: string;
  addresses: ImportedAddress[];
}

function generateShoppers(count: number, now: Date, passwordHash: string): { shoppers: DemoShopper[]; edges: ImportedFriendship[][] } {
  // A private Faker instance (same zh_CN data as fakerZH_CN): seeding the shared one would
  // change what other demo stages generate.
  const faker = new Faker({ locale: [zh_CN, en, base], seed: SEED });
  const random = seededRandom(SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const pickCity = (): City => {
    let r = random() * CITY_WEIGHT_TOTAL;
    for (const c of CITIES) if ((r -= c.weight) < 0) return c;
    return CITIES[0];
  };
  const phones = new Set<string>();
  const newPhone = (): string => {
    for (;;) {
      const phone = pick(MOBILE_PREFIXES) + String(Math.floor(random() * 1e8)).padStart(8, '0');
      if (!phones.has(phone)) {
        phones.add(phone);
        return phone;
      }
    }
  };
  const emails = new Set<string>();
  const newEmail = (): string => {
    for (;;) {
      const local = random() < 0.4 ? String(10_000_000 + Math.floor(random() * 3_000_000_000)) : faker.internet.username().toLowerCase().replace(/[^a-z0-9._]/g, '');
      const domain = /^\d+$/.test(local) ? 'qq.com' : pick(MAIL_DOMAINS);
      const email = `${local}@${domain}`;
      if (local.length >= 3 && !emails.has(email)) {
        emails.add(email);
        return email;
      }
    }
  };
  const line1 = (): string => {
    const street = `${pick(STREETS)}${1 + Math.floor(random() * 300)}号`;
    if (random() < 0.2) return street;
    return `${street}${pick(ESTATES)}${1 + Math.floor(random() * 20)}栋${1 + Math.floor(random() * 4)}单元${1 + Math.floor(random() * 30)}0${1 + Math.floor(random() * 4)}室`;
  };
  const address = (userId: string, recipient: string, phone: string, city: City, at: Date, isDefault: boolean): ImportedAddress => ({
    id: faker.string.uuid(),
    userId,
    recipient,
    phone,
    province: city.province,
    city: city.city,
    district: pick(city.districts),
    line1: line1(),
    postalCode: city.postalCode,
    isDefault,
    createdAt: at,
  });

  const nowMs = now.getTime();
  const shoppers: DemoShopper[] = [];
  for (let i = 0; i < count; i++) {
    const realName = faker.person.fullName();
    const roll = random();
    // Most shoppers show their name; some a nickname the way Chinese apps tend to.
    const displayName = roll < 0.7 ? realName : roll < 0.85 ? `小${realName.slice(-1)}` : `${faker.person.lastName()}${random() < 0.5 ? '先生' : '女士'}`;
    // Sign-ups grow over time (density rising towards today), during Beijing waking hours.
    const day = Math.floor(SIGNUP_WINDOW_DAYS * (1 - Math.pow(random(), 0.6)));
    const beijingHour = 7 + Math.floor(random() * 17);
    let createdMs = nowMs - day * DAY_MS - (nowMs % DAY_MS) + (beijingHour - 8) * 3_600_000 + Math.floor(random() * 3_600_000);
    if (createdMs > nowMs) createdMs -= DAY_MS;
    const createdAt = new Date(createdMs);
    const id = faker.string.uuid();
    const phone = newPhone();
    const user: ImportedUser = { id, email: random() < 0.35 ? newEmail() : null, phone, passwordHash, displayName, roles: ['shopper'], createdAt };
    const home = pickCity();
    const firstAt = new Date(Math.min(nowMs, createdMs + Math.floor(random() * DAY_MS)));
    const addresses = [address(id, realName, phone, home, firstAt, true)];
    if (random() < 0.35) {
      // A second address: the office in the same city, or family elsewhere.
      const family = random() < 0.4;
      const recipient = family ? `${realName.slice(0, 1)}${faker.person.firstName()}` : realName;
      const at = new Date(firstAt.getTime() + Math.floor(random() * (nowMs - firstAt.getTime())));
      addresses.push(address(id, recipient, family ? newPhone() : phone, family ? pickCity() : home, at, false));
    }
    shoppers.push({ user, realName, addresses });
  }
  // Index = sign-up order, which the graph's preferential attachment relies on.
  shoppers.sort((a, b) => a.user.createdAt.getTime() - b.user.createdAt.getTime());

  const graph = buildFriendGraph(count, random);
  for (const k of graph.kols) shoppers[k].user.roles = ['shopper', 'promoter'];
  // A handful of ordinary shoppers promote too.
  for (const s of shoppers) if (random() < 0.01) s.user.roles = ['shopper', 'promoter'];

  // Friendships are made after both joined, mostly soon after the later one signed up.
  const edges: ImportedFriendship[][] = Array.from({ length: count }, () => []);
  for (const [joiner, earlier] of graph.edges) {
    const from = shoppers[joiner].user.createdAt.getTime();
    const at = new Date(from + Math.floor(Math.pow(random(), 3) * (nowMs - from)));
    edges[joiner].push({ userId: shoppers[joiner].user.id, friendId: shoppers[earlier].user.id, createdAt: at });
  }
  return { shoppers, edges };
}

/**
 * Seeds ~1,000 × scale shoppers with addresses and friendships, all with the password
 * DEMO_PASSWORD. Imported as history: no customer.registered events. Safe to re-run: the same
 * seed yields the same ids, and rows already stored are skipped.
 */
export async function seedDemoPeople(platform: Platform, services: Services, opts: SeedPeopleOptions): Promise<{ shopperIds: string[]; friendships: number }> {
  const total = opts.count ?? Math.max(1, Math.round(1000 * opts.scale));
  const passwordHash = await services.identity.hashPassword(DEMO_PASSWORD);
  const { shoppers, edges } = generateShoppers(total, platform.clock.now(), passwordHash);

  const present = new Set<string>();
  const shopperIds: string[] = [];
  let friendships = 0;
  opts.onProgress?.(0, total);
  // One chunk at a time in sign-up order: a chunk's friendships point only to itself and earlier
  // chunks, so both ends already exist when they are inserted.
  for (let start = 0; start < total; start += CHUNK) {
    const slice = shoppers.slice(start, start + CHUNK);
    const stored = await services.identity.importUsers(slice.map((s) => s.user));
    for (const id of stored) {
      present.add(id);
      shopperIds.push(id);
    }
    // A generated phone or email that already belongs to a real account skips that shopper.
    await services.identity.importAddresses(slice.filter((s) => present.has(s.user.id)).flatMap((s) => s.addresses));
    const pairs = edges.slice(start, start + CHUNK).flat().filter((e) => present.has(e.userId) && present.has(e.friendId));
    await services.identity.importFriendships(pairs);
    friendships += pairs.length;
    opts.onProgress?.(Math.min(total, start + CHUNK), total);
  }
  return { shopperIds, friendships };
}
