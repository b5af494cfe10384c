// The demo catalog: eight top-level categories with subcategories, a few hundred products with
// Chinese titles (and English ones from the same draws), 1–4 SKUs each with attributes, prices in fen, reference prices on some, opening
// stock, and a generated SVG cover per product.
//
// Generated from a fixed seed with deterministic SKU codes (DEMO-00001-1 ...). Products go in
// batches, one transaction each, so a re-run after an interruption finds whole batches already
// stored (by SKU code) and skips them; categories are matched by slug.
import { Faker, base, en, zh_CN } from '@faker-js/faker';
import type { ImportProductInput } from '../modules/catalog/index.ts';
import type { Platform } from '../platform/context.ts';
import type { Services } from '../services.ts';
import { BRANDS_EN, english, englishAttributes, ITEMS_EN, PHRASES_EN, SHIPPING_EN, TAGS_EN } from './catalog.en.ts';

const SEED = 20260601;
const PRODUCTS_PER_SCALE = 200;
const BATCH = 100;
const HISTORY_DAYS = 120;
const DAY_MS = 86_400_000;

export interface SeedCatalogOptions {
  /** 1 gives 200 products; fractions are allowed (at least one product per subcategory is not promised). */
  scale: number;
  onProgress?: (done: number, total: number) => void;
}

interface Dimension {
  name: string;
  values: string[];
  /** Later values cost more (sizes, weights, capacities); otherwise every value costs the same. */
  priced?: boolean;
}

interface Sub {
  slug: string;
  name: string;
  nameEn: string;
  emoji: string;
  /** Two hues for the cover gradient. */
  hues: [number, number];
  items: string[];
  brands: string[];
  phrases: string[];
  dims: Dimension[];
  /** Base price range in fen. */
  price: [number, number];
}

interface Root {
  slug: string;
  name: string;
  nameEn: string;
  subs: Sub[];
}

const colors = (values: string[]): Dimension => ({ name: '颜色', values });
const sizes = (values: string[]): Dimension => ({ name: '尺码', values, priced: false });
const spec = (name: string, values: string[]): Dimension => ({ name, values, priced: true });

export const DEMO_CATEGORIES: Root[] = [
  {
    slug: 'fresh', name: '生鲜水果', nameEn: 'Fresh produce',
    subs: [
      { slug: 'fresh-fruit', name: '时令水果', nameEn: 'Seasonal fruit', emoji: '🍑', hues: [12, 42], items: ['智利车厘子', '海南贵妃芒', '赣南脐橙', '阿克苏冰糖心苹果', '丹东草莓', '云南蓝莓', '广西沃柑', '爱媛果冻橙', '阳光玫瑰葡萄', '麒麟西瓜'], brands: ['果园直发', '鲜丰', '百果园', '佳沛', '农夫山泉17.5°'], phrases: ['产地直发 坏果包赔', '当季鲜摘 香甜多汁', '顺丰冷链 新鲜到家'], dims: [spec('规格', ['2.5kg装', '5kg装', '礼盒装 3kg'])], price: [2990, 12900] },
      { slug: 'fresh-veg', name: '新鲜蔬菜', nameEn: 'Vegetables', emoji: '🥬', hues: [95, 140], items: ['有机西兰花', '云南小番茄', '山东大葱', '紫薯', '铁棍山药', '水果黄瓜', '贝贝南瓜'], brands: ['盒马', '本来生活', '每日优鲜', '绿行者'], phrases: ['基地直采 当日配送', '无农药残留检测', '新鲜水灵 现摘现发'], dims: [spec('规格', ['500g', '1kg', '2.5kg'])], price: [990, 3990] },
      { slug: 'fresh-meat', name: '肉禽蛋品', nameEn: 'Meat & eggs', emoji: '🥩', hues: [355, 20], items: ['内蒙古羔羊肉卷', '黑猪五花肉', '散养土鸡蛋', '澳洲谷饲牛排', '三黄鸡'], brands: ['小肥羊', '京东跑山猪', '德青源', '恒都'], phrases: ['冷链配送 锁住鲜味', '草饲放养 肉质鲜嫩', '检疫合格 放心吃'], dims: [spec('规格', ['500g', '1kg', '家庭装 2kg'])], price: [2990, 15900] },
      { slug: 'fresh-seafood', name: '海鲜水产', nameEn: 'Seafood', emoji: '🦐', hues: [190, 220], items: ['厄瓜多尔白虾', '大连鲜活海参', '阳澄湖大闸蟹', '挪威三文鱼', '舟山带鱼'], brands: ['獐子岛', '国联', '海鲜工坊', '渔家小院'], phrases: ['急冻锁鲜 整箱直发', '深海捕捞 肉质紧实', '鲜活到家 死蟹包赔'], dims: [spec('规格', ['500g', '1kg', '礼盒装'])], price: [4990, 29900] },
    ],
  },
  {
    slug: 'beauty', name: '美妆个护', nameEn: 'Beauty & care',
    subs: [
      { slug: 'beauty-skincare', name: '护肤', nameEn: 'Skincare', emoji: '🧴', hues: [330, 280], items: ['玻尿酸补水精华', '烟酰胺美白面膜', '氨基酸洁面乳', '修护保湿面霜', '清透防晒乳'], brands: ['珀莱雅', '薇诺娜', '自然堂', '百雀羚', '润百颜'], phrases: ['敏感肌可用 温和不刺激', '28天焕亮 肉眼可见', '明星同款 爆款回购'], dims: [spec('规格', ['30ml', '50ml', '100ml'])], price: [5900, 39900] },
      { slug: 'beauty-makeup', name: '彩妆', nameEn: 'Makeup', emoji: '💄', hues: [345, 10], items: ['丝绒哑光口红', '持妆粉底液', '四色眼影盘', '防水眼线笔', '定妆散粉'], brands: ['花西子', '完美日记', '毛戈平', '橘朵'], phrases: ['显白不挑皮 持久不脱色', '新品上市 限量色号', '国货之光 颜值在线'], dims: [colors(['#01 正红', '#02 豆沙', '#03 枫叶', '#04 奶茶'])], price: [4900, 25900] },
      { slug: 'beauty-body', name: '身体护理', nameEn: 'Body care', emoji: '🛁', hues: [200, 300], items: ['香氛沐浴露', '烟酰胺身体乳', '氨基酸洗发水', '护发精油', '香氛洗手液'], brands: ['阿道夫', '舒肤佳', '半亩花田', '滋源'], phrases: ['持久留香 温和清洁', '大瓶装 全家可用', '无硅油 柔顺蓬松'], dims: [spec('规格', ['300ml', '500ml', '1L'])], price: [2990, 9900] },
      { slug: 'beauty-fragrance', name: '香水', nameEn: 'Fragrance', emoji: '🌸', hues: [300, 340], items: ['木质调淡香水', '白茶清新香氛', '玫瑰花香浓香水', '柑橘调古龙水'], brands: ['观夏', '气味图书馆', '野兽派', '闻献'], phrases: ['东方香调 高级感', '礼盒包装 送礼首选', '清新淡雅 日常通勤'], dims: [spec('容量', ['30ml', '50ml', '100ml'])], price: [12900, 69900] },
    ],
  },
  {
    slug: 'baby', name: '母婴', nameEn: 'Mother & baby',
    subs: [
      { slug: 'baby-formula', name: '奶粉辅食', nameEn: 'Formula & food', emoji: '🍼', hues: [40, 60], items: ['婴幼儿配方奶粉', '有机米粉', '宝宝磨牙饼干', '果泥', '儿童营养面条'], brands: ['飞鹤', '君乐宝', '英氏', '小鹿蓝蓝', '爱他美'], phrases: ['科学配比 营养均衡', '0添加 宝宝放心吃', '新国标 品质保障'], dims: [spec('段位', ['1段', '2段', '3段']), spec('规格', ['单罐', '2罐装'])], price: [3990, 35900] },
      { slug: 'baby-diapers', name: '尿裤湿巾', nameEn: 'Diapers & wipes', emoji: '👶', hues: [190, 170], items: ['超薄透气纸尿裤', '拉拉裤', '婴儿手口湿巾', '婴儿棉柔巾'], brands: ['帮宝适', '花王', '好奇', 'babycare', '全棉时代'], phrases: ['干爽透气 不红屁屁', '整箱囤货 超值装', '柔软亲肤 加厚款'], dims: [sizes(['S', 'M', 'L', 'XL'])], price: [4990, 19900] },
      { slug: 'baby-toys', name: '玩具早教', nameEn: 'Toys & learning', emoji: '🧸', hues: [30, 350], items: ['益智积木', '磁力片', '早教点读笔', '毛绒公仔', '儿童滑板车'], brands: ['乐高', '费雪', '贝恩施', '可优比'], phrases: ['启发智力 亲子互动', '环保材质 安全无毒', '生日礼物 送娃首选'], dims: [colors(['粉色', '蓝色', '黄色'])], price: [5900, 59900] },
      { slug: 'baby-clothes', name: '童装童鞋', nameEn: 'Kidswear', emoji: '🎀', hues: [320, 20], items: ['纯棉连体衣', '儿童防晒衣', '宝宝学步鞋', '儿童羽绒服', '儿童运动套装'], brands: ['巴拉巴拉', '安奈儿', '戴维贝拉', '小猪班纳'], phrases: ['A类面料 亲肤柔软', '新款上市 洋气百搭', '宽松版型 活动自如'], dims: [colors(['米白', '雾蓝', '樱粉']), sizes(['90cm', '100cm', '110cm', '120cm'])], price: [4900, 29900] },
    ],
  },
  {
    slug: 'digital', name: '数码家电', nameEn: 'Digital & appliances',
    subs: [
      { slug: 'digital-phones', name: '手机', nameEn: 'Phones', emoji: '📱', hues: [220, 260], items: ['5G智能手机', '折叠屏手机', '拍照旗舰手机', '长续航手机'], brands: ['华为', '小米', 'OPPO', 'vivo', '荣耀'], phrases: ['旗舰影像 超长续航', '新品首发 以旧换新', '12期免息 官方正品'], dims: [colors(['曜石黑', '雪域白', '星河蓝']), spec('存储', ['8+256GB', '12+512GB'])], price: [149900, 899900] },
      { slug: 'digital-audio', name: '耳机音箱', nameEn: 'Audio', emoji: '🎧', hues: [260, 200], items: ['真无线降噪耳机', '头戴式耳机', '蓝牙音箱', '运动耳机', '智能音箱'], brands: ['漫步者', '索尼', '小米', '华为', 'JBL'], phrases: ['主动降噪 沉浸音质', '超长续航 快充', '高清通话 低延迟游戏'], dims: [colors(['黑色', '白色', '薄荷绿'])], price: [9900, 199900] },
      { slug: 'digital-appliances', name: '生活电器', nameEn: 'Home appliances', emoji: '🔌', hues: [180, 210], items: ['空气炸锅', '扫地机器人', '破壁料理机', '电动牙刷', '高速吹风机', '空气净化器'], brands: ['美的', '九阳', '小熊', '科沃斯', '戴森', '飞利浦'], phrases: ['智能控温 一键操作', '国补立减 包邮到家', '大容量 全家够用'], dims: [colors(['奶油白', '深空灰'])], price: [9900, 299900] },
      { slug: 'digital-computers', name: '电脑办公', nameEn: 'Computers', emoji: '💻', hues: [210, 240], items: ['轻薄笔记本', '机械键盘', '无线鼠标', '27英寸显示器', '平板电脑'], brands: ['联想', '华为', '罗技', '小米', '雷蛇'], phrases: ['轻薄便携 高性能', '办公游戏两不误', '护眼屏 低蓝光'], dims: [spec('配置', ['标准版', '高配版', '旗舰版'])], price: [9900, 699900] },
    ],
  },
  {
    slug: 'apparel', name: '服饰鞋包', nameEn: 'Apparel',
    subs: [
      { slug: 'apparel-women', name: '女装', nameEn: 'Womenswear', emoji: '👗', hues: [340, 20], items: ['法式碎花连衣裙', '针织开衫', '高腰阔腿裤', '真丝衬衫', '羊毛大衣'], brands: ['ONLY', '太平鸟', '乐町', 'UR', '伊芙丽'], phrases: ['显瘦百搭 气质通勤', '春夏新款 清爽透气', '设计师款 小众高级'], dims: [colors(['黑色', '杏色', '雾霾蓝']), sizes(['S', 'M', 'L', 'XL'])], price: [9900, 59900] },
      { slug: 'apparel-men', name: '男装', nameEn: 'Menswear', emoji: '👔', hues: [215, 235], items: ['纯棉T恤', '休闲夹克', '商务衬衫', '直筒牛仔裤', '连帽卫衣'], brands: ['海澜之家', '优衣库', '杰克琼斯', '雅戈尔', '李宁'], phrases: ['纯棉舒适 不起球', '经典版型 四季可穿', '商务休闲 两穿'], dims: [colors(['白色', '藏青', '卡其']), sizes(['M', 'L', 'XL', 'XXL'])], price: [5900, 49900] },
      { slug: 'apparel-shoes', name: '鞋靴', nameEn: 'Shoes', emoji: '👟', hues: [25, 45], items: ['轻便跑步鞋', '复古板鞋', '真皮乐福鞋', '户外徒步鞋', '小白鞋'], brands: ['安踏', '李宁', '特步', '回力', '斯凯奇'], phrases: ['缓震回弹 久走不累', '百搭小白鞋 经典款', '防滑耐磨 户外必备'], dims: [sizes(['37', '38', '39', '40', '41', '42'])], price: [9900, 69900] },
      { slug: 'apparel-bags', name: '箱包', nameEn: 'Bags', emoji: '👜', hues: [30, 10], items: ['通勤托特包', '双肩电脑包', '斜挎小方包', '20寸登机箱', '帆布包'], brands: ['小米', '新秀丽', 'COACH', '古良吉吉'], phrases: ['大容量 通勤必备', '轻盈耐用 防泼水', '简约百搭 送礼佳品'], dims: [colors(['黑色', '燕麦色', '焦糖色'])], price: [7900, 159900] },
    ],
  },
  {
    slug: 'home', name: '家居日用', nameEn: 'Home & living',
    subs: [
      { slug: 'home-kitchen', name: '厨房用品', nameEn: 'Kitchen', emoji: '🍳', hues: [20, 40], items: ['不粘炒锅', '陶瓷餐具套装', '保温杯', '玻璃保鲜盒', '304不锈钢刀具'], brands: ['苏泊尔', '双立人', '膳魔师', '乐扣乐扣', '康宁'], phrases: ['少油烟 不粘锅', '食品级材质 安全放心', '厨房好物 提升幸福感'], dims: [spec('规格', ['单件', '三件套', '五件套'])], price: [3990, 59900] },
      { slug: 'home-bedding', name: '床品家纺', nameEn: 'Bedding', emoji: '🛏️', hues: [200, 250], items: ['纯棉四件套', '蚕丝被', '记忆棉枕头', '珊瑚绒毛毯', '乳胶床垫'], brands: ['罗莱', '水星家纺', '富安娜', '网易严选'], phrases: ['A类纯棉 亲肤透气', '四季可用 一夜好眠', '五星酒店同款'], dims: [spec('尺寸', ['1.5m床', '1.8m床', '2.0m床'])], price: [9900, 99900] },
      { slug: 'home-cleaning', name: '清洁用品', nameEn: 'Cleaning', emoji: '🧽', hues: [170, 200], items: ['洗衣凝珠', '厨房湿巾', '抽纸', '除菌洗衣液', '马桶清洁剂'], brands: ['蓝月亮', '立白', '维达', '清风', '威露士'], phrases: ['囤货装 更划算', '除菌去渍 温和不伤手', '家庭必备 量贩装'], dims: [spec('规格', ['单包', '6包装', '12包整箱'])], price: [1990, 8990] },
      { slug: 'home-storage', name: '收纳整理', nameEn: 'Storage', emoji: '📦', hues: [40, 80], items: ['衣物收纳箱', '桌面收纳盒', '真空压缩袋', '可折叠置物架'], brands: ['天马', '禧天龙', '太力', '宜家'], phrases: ['大容量 整洁有序', '可叠加 省空间', '防尘防潮'], dims: [spec('规格', ['单个', '3个装'])], price: [1990, 19900] },
    ],
  },
  {
    slug: 'snacks', name: '零食饮料', nameEn: 'Snacks & drinks',
    subs: [
      { slug: 'snacks-nuts', name: '坚果炒货', nameEn: 'Nuts', emoji: '🥜', hues: [30, 50], items: ['每日坚果', '碧根果', '夏威夷果', '巴旦木', '开心果'], brands: ['三只松鼠', '良品铺子', '百草味', '洽洽'], phrases: ['科学配比 每日一袋', '颗颗饱满 香脆可口', '送礼自吃两相宜'], dims: [spec('规格', ['250g', '500g', '礼盒 750g'])], price: [2990, 15900] },
      { slug: 'snacks-sweets', name: '休闲零食', nameEn: 'Snacks', emoji: '🍪', hues: [15, 45], items: ['牛肉干', '辣条大礼包', '手撕面包', '海苔脆片', '黑巧克力'], brands: ['卫龙', '良品铺子', '盼盼', '德芙', '来伊份'], phrases: ['追剧必备 一口上瘾', '网红爆款 量大实惠', '0反式脂肪'], dims: [spec('规格', ['小包', '量贩装'])], price: [990, 6990] },
      { slug: 'snacks-drinks', name: '饮料冲调', nameEn: 'Drinks', emoji: '🧋', hues: [25, 340], items: ['无糖气泡水', '冷萃咖啡液', '燕麦奶', '茉莉花茶', '挂耳咖啡'], brands: ['元气森林', '三顿半', 'OATLY', '农夫山泉', '隅田川'], phrases: ['0糖0脂 清爽解腻', '整箱囤货 更优惠', '精品原料 醇香浓郁'], dims: [spec('规格', ['6瓶装', '12瓶装', '24瓶整箱'])], price: [2990, 12900] },
      { slug: 'snacks-liquor', name: '酒类', nameEn: 'Wine & spirits', emoji: '🍷', hues: [345, 300], items: ['赤霞珠干红', '清香型白酒', '精酿啤酒', '梅子酒', '起泡酒'], brands: ['张裕', '汾酒', '青岛啤酒', '梅见', '长城'], phrases: ['宴请佳品 口感醇厚', '微醺时光 好友小聚', '产区直供 品质之选'], dims: [spec('规格', ['单瓶', '双支礼盒', '整箱6瓶'])], price: [3990, 99900] },
    ],
  },
  {
    slug: 'books', name: '图书文具', nameEn: 'Books & stationery',
    subs: [
      { slug: 'books-kids', name: '童书绘本', nameEn: 'Children\'s books', emoji: '📚', hues: [45, 200], items: ['百科全书绘本', '立体翻翻书', '拼音识字卡', '科普漫画套装'], brands: ['中信出版', '蒲蒲兰', '乐乐趣', '接力出版社'], phrases: ['亲子共读 启蒙认知', '精装硬壳 不怕撕', '名家名译 经典必读'], dims: [spec('版本', ['单册', '全套'])], price: [2990, 29900] },
      { slug: 'books-literature', name: '文学小说', nameEn: 'Literature', emoji: '📖', hues: [20, 260], items: ['当代长篇小说', '经典名著典藏版', '悬疑推理小说', '散文随笔集'], brands: ['人民文学出版社', '上海译文', '磨铁图书', '理想国'], phrases: ['豆瓣高分 口碑之作', '精装典藏 值得收藏', '年度畅销 好评如潮'], dims: [spec('版本', ['平装', '精装'])], price: [2990, 12900] },
      { slug: 'books-stationery', name: '文具', nameEn: 'Stationery', emoji: '✏️', hues: [200, 160], items: ['中性笔套装', '手账本', '水彩颜料', '钢笔', '便利贴'], brands: ['晨光', '得力', '百乐', '国誉', '樱花'], phrases: ['书写顺滑 不断墨', '学生办公 两相宜', '高颜值 文具控必备'], dims: [colors(['黑色', '蓝色', '红色'])], price: [990, 19900] },
      { slug: 'books-learning', name: '教辅考试', nameEn: 'Study guides', emoji: '🎓', hues: [230, 190], items: ['考研英语真题', '公务员考试教材', '小学数学练习册', '雅思词汇书'], brands: ['新东方', '粉笔', '学而思', '中公教育'], phrases: ['名师编写 考点全覆盖', '真题解析 高效提分', '配套视频课'], dims: [spec('版本', ['单本', '全套'])], price: [1990, 15900] },
    ],
  },
];

// ---------------------------------------------------------------------------------------------
// Pure parts.

/** Rounds to a shop price ending in 90 fen (..9.90), never below 990 fen. */
export function shopPrice(fen: number): number {
  return Math.max(990, Math.round(fen / 100) * 100 - 10);
}

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

/** A square product cover: soft gradient, a glow, the category's emoji and the short title. */
export function productCoverSvg(opts: { title: string; label: string; emoji: string; hues: [number, number] }): string {
  const [h1, h2] = opts.hues;
  const title = escapeXml([...opts.title].slice(0, 8).join(''));
  const label = escapeXml(opts.label);
  const font = 'Noto Sans SC, PingFang SC, sans-serif';
  return [
    '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">',
    '<defs>',
    `<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="hsl(${h1},85%,72%)"/><stop offset="1" stop-color="hsl(${h2},75%,52%)"/></linearGradient>`,
    '<radialGradient id="glow" cx="0.5" cy="0.42" r="0.5"><stop offset="0" stop-color="#fff" stop-opacity="0.65"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient>',
    '</defs>',
    '<rect width="600" height="600" fill="url(#bg)"/>',
    '<circle cx="300" cy="250" r="230" fill="url(#glow)"/>',
    `<circle cx="520" cy="80" r="120" fill="hsl(${h2},90%,85%)" fill-opacity="0.25"/>`,
    `<circle cx="60" cy="560" r="150" fill="hsl(${h1},90%,90%)" fill-opacity="0.2"/>`,
    `<rect x="32" y="32" rx="20" ry="20" width="${48 + [...opts.label].length * 26}" height="44" fill="#fff" fill-opacity="0.85"/>`,
    `<text x="56" y="63" font-family="${font}" font-size="24" font-weight="600" fill="hsl(${h2},60%,35%)">${label}</text>`,
    `<text x="300" y="310" text-anchor="middle" font-size="190">${opts.emoji}</text>`,
    `<text x="300" y="505" text-anchor="middle" font-family="${font}" font-size="54" font-weight="700" fill="#fff" stroke="hsl(${h2},60%,30%)" stroke-opacity="0.25" stroke-width="2">${title}</text>`,
    '</svg>',
  ].join('');
}

interface PlannedProduct {
  input: ImportProductInput;
  sub: Sub;
  shortTitle: string;
  codes: string[];
}

/** Every demo product, deterministic for a given count and clock. */
export function planDemoProducts(total: number, categoryIds: Map<string, string>, now: Date): PlannedProduct[] {
  const faker = new Faker({ locale: [zh_CN, en, base], seed: SEED });
  const subs = DEMO_CATEGORIES.flatMap((r) => r.subs);
  const planned: PlannedProduct[] = [];
  for (let i = 0; i < total; i++) {
    const sub = subs[i % subs.length];
    const item = sub.items[Math.floor(i / subs.length) % sub.items.length];
    const brand = faker.helpers.arrayElement(sub.brands);
    const phrase = faker.helpers.arrayElement(sub.phrases);
    const tag = faker.datatype.boolean(0.3) ? faker.helpers.arrayElement(['新款', '爆款', '热卖', '官方正品', '限定款']) : null;
    const title = `${brand} ${item}${tag ? ' ' + tag : ''}`;
    const titleEn = `${english(BRANDS_EN, brand)} ${english(ITEMS_EN, item)}${tag ? ' · ' + english(TAGS_EN, tag) : ''}`;

    // SKUs: the combinations of one or two attribute dimensions, 1–4 of them.
    const combos: Array<Array<[Dimension, number]>> = [[]];
    for (const dim of sub.dims) {
      const picks = faker.helpers.arrayElements(dim.values.map((_, k) => k), { min: 1, max: Math.min(dim.values.length, 3) }).sort((a, b) => a - b);
      const next: Array<Array<[Dimension, number]>> = [];
      for (const c of combos) for (const k of picks) next.push([...c, [dim, k]]);
      combos.splice(0, combos.length, ...next);
    }
    const count = faker.number.int({ min: 1, max: Math.min(4, combos.length) });
    const chosen = combos.slice(0, count);
    const basePrice = faker.number.int({ min: sub.price[0], max: sub.price[1] });
    const withListPrice = faker.datatype.boolean(0.4);
    const listRatio = faker.number.float({ min: 1.15, max: 1.6 });
    const codes: string[] = [];
    const skus = chosen.map((combo, k) => {
      const attributes = Object.fromEntries(combo.map(([dim, v]) => [dim.name, dim.values[v]]));
      const step = combo.reduce((acc, [dim, v]) => acc * (dim.priced ? 1 + 0.6 * v : 1), 1);
      const amount = shopPrice(basePrice * step);
      const code = `DEMO-${String(i + 1).padStart(5, '0')}-${k + 1}`;
      codes.push(code);
      return {
        code,
        attributes,
        attrsEn: englishAttributes(attributes),
        price: { amount, currency: 'CNY' },
        listPrice: withListPrice ? { amount: shopPrice(amount * listRatio) + 100, currency: 'CNY' } : null,
        initialStock: faker.number.int({ min: 50, max: 2000 }),
      };
    });
    // Spread creation over the last months, oldest first, so "newest" has a real order.
    const createdAt = new Date(now.getTime() - Math.round(((total - i) / total) * HISTORY_DAYS * DAY_MS) + faker.number.int({ min: 0, max: 3_600_000 }));
    // Drawn after the creation time, as before English texts existed, so the demo store stays the same.
    const shipping = faker.helpers.arrayElement(Object.keys(SHIPPING_EN));
    planned.push({
      sub,
      shortTitle: item,
      codes,
      input: {
        title,
        titleEn,
        subtitle: phrase,
        subtitleEn: english(PHRASES_EN, phrase),
        description: `${brand}${item}，${phrase.replace(' ', '，')}。${shipping}`,
        descriptionEn: `${english(BRANDS_EN, brand)} ${english(ITEMS_EN, item)}. ${english(PHRASES_EN, phrase).replace(' · ', ', ')}. ${english(SHIPPING_EN, shipping)}`,
        categoryId: categoryIds.get(sub.slug)!,
        status: faker.datatype.boolean(0.03) ? 'draft' : 'active',
        skus,
        createdAt,
      },
    });
  }
  return planned;
}

// ---------------------------------------------------------------------------------------------

export async function seedDemoCatalog(platform: Platform, services: Services, opts: SeedCatalogOptions): Promise<{ productIds: string[]; skuIds: string[] }> {
  const { catalog } = services;
  const total = Math.max(1, Math.round(PRODUCTS_PER_SCALE * opts.scale));
  opts.onProgress?.(0, total);

  // Categories, matched by slug so a re-run reuses what is there.
  const existing = new Map((await catalog.listCategories()).map((c) => [c.slug, c.id]));
  const ensure = async (slug: string, name: string, nameEn: string, parentId: string | null, sort: number) => {
    if (!existing.has(slug)) existing.set(slug, (await catalog.createCategory(null, { slug, name, nameEn, parentId, sort })).id);
    return existing.get(slug)!;
  };
  for (const [r, root] of DEMO_CATEGORIES.entries()) {
    const rootId = await ensure(root.slug, root.name, root.nameEn, null, r);
    for (const [s, sub] of root.subs.entries()) await ensure(sub.slug, sub.name, sub.nameEn, rootId, s);
  }

  const planned = planDemoProducts(total, existing, platform.clock.now());
  const productIds: string[] = [];
  const skuIds: string[] = [];
  for (let start = 0; start < planned.length; start += BATCH) {
    const batch = planned.slice(start, start + BATCH);
    const stored = await catalog.findSkusByCode(batch.flatMap((p) => p.codes));
    const missing = batch.filter((p) => !stored.has(p.codes[0]));
    // Covers for the products still to import, then the products in one transaction.
    const covers = missing.length === 0 ? [] : await catalog.storeMedia(
      null,
      missing.map((p) => ({
        contentType: 'image/svg+xml',
        bytes: Buffer.from(productCoverSvg({ title: p.shortTitle, label: p.sub.name, emoji: p.sub.emoji, hues: p.sub.hues })),
      })),
    );
    const imported = missing.length === 0 ? [] : await catalog.importProducts(null, missing.map((p, k) => ({ ...p.input, images: [covers[k].url] })));
    const fresh = new Map(missing.map((p, k) => [p.codes[0], imported[k]]));
    for (const p of batch) {
      const made = fresh.get(p.codes[0]);
      if (made) {
        productIds.push(made.productId);
        skuIds.push(...made.skuIds);
      } else {
        productIds.push(stored.get(p.codes[0])!.productId);
        skuIds.push(...p.codes.map((c) => stored.get(c)!.skuId));
      }
    }
    opts.onProgress?.(Math.min(start + batch.length, total), total);
  }
  return { productIds, skuIds };
}
