// English for the demo catalog's Chinese templates (items, brands, phrases, tags), so the English
// titles and descriptions come from the same draws as the Chinese ones. Brands written in Latin
// letters (ONLY, OPPO, JBL ...) need no entry.

export const ITEMS_EN: Record<string, string> = {
  智利车厘子: 'Chilean cherries', 海南贵妃芒: 'Hainan Guifei mangoes', 赣南脐橙: 'Gannan navel oranges', 阿克苏冰糖心苹果: 'Aksu crystal-heart apples', 丹东草莓: 'Dandong strawberries',
  云南蓝莓: 'Yunnan blueberries', 广西沃柑: 'Guangxi Orah mandarins', 爱媛果冻橙: 'Ehime jelly oranges', 阳光玫瑰葡萄: 'Shine Muscat grapes', 麒麟西瓜: 'Qilin watermelon',
  有机西兰花: 'Organic broccoli', 云南小番茄: 'Yunnan cherry tomatoes', 山东大葱: 'Shandong leeks', 紫薯: 'Purple sweet potatoes', 铁棍山药: 'Iron-stick yam',
  水果黄瓜: 'Mini cucumbers', 贝贝南瓜: 'Baby pumpkins', 内蒙古羔羊肉卷: 'Inner Mongolia lamb rolls', 黑猪五花肉: 'Black-pig pork belly', 散养土鸡蛋: 'Free-range eggs',
  澳洲谷饲牛排: 'Australian grain-fed steak', 三黄鸡: 'Three-yellow chicken', 厄瓜多尔白虾: 'Ecuadorian white shrimp', 大连鲜活海参: 'Dalian live sea cucumber', 阳澄湖大闸蟹: 'Yangcheng Lake hairy crab',
  挪威三文鱼: 'Norwegian salmon', 舟山带鱼: 'Zhoushan hairtail', 玻尿酸补水精华: 'Hyaluronic hydrating serum', 烟酰胺美白面膜: 'Niacinamide brightening mask', 氨基酸洁面乳: 'Amino-acid cleanser',
  修护保湿面霜: 'Repairing moisturiser', 清透防晒乳: 'Light sunscreen', 丝绒哑光口红: 'Velvet matte lipstick', 持妆粉底液: 'Long-wear foundation', 四色眼影盘: 'Four-colour eyeshadow palette',
  防水眼线笔: 'Waterproof eyeliner', 定妆散粉: 'Setting powder', 香氛沐浴露: 'Scented body wash', 烟酰胺身体乳: 'Niacinamide body lotion', 氨基酸洗发水: 'Amino-acid shampoo',
  护发精油: 'Hair oil', 香氛洗手液: 'Scented hand wash', 木质调淡香水: 'Woody eau de toilette', 白茶清新香氛: 'White tea fragrance', 玫瑰花香浓香水: 'Rose eau de parfum',
  柑橘调古龙水: 'Citrus cologne', 婴幼儿配方奶粉: 'Infant formula', 有机米粉: 'Organic rice cereal', 宝宝磨牙饼干: 'Teething biscuits', 果泥: 'Fruit purée',
  儿童营养面条: 'Kids’ noodles', 超薄透气纸尿裤: 'Ultra-thin diapers', 拉拉裤: 'Pull-up pants', 婴儿手口湿巾: 'Baby hand & mouth wipes', 婴儿棉柔巾: 'Baby cotton tissues',
  益智积木: 'Building blocks', 磁力片: 'Magnetic tiles', 早教点读笔: 'Talking reading pen', 毛绒公仔: 'Plush toy', 儿童滑板车: 'Kids’ scooter',
  纯棉连体衣: 'Cotton onesie', 儿童防晒衣: 'Kids’ sun jacket', 宝宝学步鞋: 'First-walker shoes', 儿童羽绒服: 'Kids’ down jacket', 儿童运动套装: 'Kids’ tracksuit',
  '5G智能手机': '5G smartphone', 折叠屏手机: 'Foldable phone', 拍照旗舰手机: 'Camera flagship phone', 长续航手机: 'Long-battery phone', 真无线降噪耳机: 'Noise-cancelling earbuds',
  头戴式耳机: 'Over-ear headphones', 蓝牙音箱: 'Bluetooth speaker', 运动耳机: 'Sports earphones', 智能音箱: 'Smart speaker', 空气炸锅: 'Air fryer',
  扫地机器人: 'Robot vacuum', 破壁料理机: 'High-speed blender', 电动牙刷: 'Electric toothbrush', 高速吹风机: 'High-speed hair dryer', 空气净化器: 'Air purifier',
  轻薄笔记本: 'Thin laptop', 机械键盘: 'Mechanical keyboard', 无线鼠标: 'Wireless mouse', '27英寸显示器': '27-inch monitor', 平板电脑: 'Tablet',
  法式碎花连衣裙: 'French floral dress', 针织开衫: 'Knit cardigan', 高腰阔腿裤: 'High-waist wide-leg trousers', 真丝衬衫: 'Silk shirt', 羊毛大衣: 'Wool coat',
  纯棉T恤: 'Cotton T-shirt', 休闲夹克: 'Casual jacket', 商务衬衫: 'Business shirt', 直筒牛仔裤: 'Straight jeans', 连帽卫衣: 'Hoodie',
  轻便跑步鞋: 'Light running shoes', 复古板鞋: 'Retro skate shoes', 真皮乐福鞋: 'Leather loafers', 户外徒步鞋: 'Hiking shoes', 小白鞋: 'White sneakers',
  通勤托特包: 'Commuter tote', 双肩电脑包: 'Laptop backpack', 斜挎小方包: 'Crossbody bag', '20寸登机箱': '20-inch carry-on', 帆布包: 'Canvas bag',
  不粘炒锅: 'Non-stick wok', 陶瓷餐具套装: 'Ceramic tableware set', 保温杯: 'Vacuum flask', 玻璃保鲜盒: 'Glass food boxes', '304不锈钢刀具': '304 steel knives',
  纯棉四件套: 'Cotton bedding set', 蚕丝被: 'Silk duvet', 记忆棉枕头: 'Memory-foam pillow', 珊瑚绒毛毯: 'Coral fleece blanket', 乳胶床垫: 'Latex mattress',
  洗衣凝珠: 'Laundry pods', 厨房湿巾: 'Kitchen wipes', 抽纸: 'Facial tissues', 除菌洗衣液: 'Antibacterial detergent', 马桶清洁剂: 'Toilet cleaner',
  衣物收纳箱: 'Clothes storage box', 桌面收纳盒: 'Desk organiser', 真空压缩袋: 'Vacuum storage bags', 可折叠置物架: 'Folding shelf', 每日坚果: 'Daily nuts',
  碧根果: 'Pecans', 夏威夷果: 'Macadamias', 巴旦木: 'Almonds', 开心果: 'Pistachios', 牛肉干: 'Beef jerky',
  辣条大礼包: 'Spicy strips gift pack', 手撕面包: 'Pull-apart bread', 海苔脆片: 'Seaweed crisps', 黑巧克力: 'Dark chocolate', 无糖气泡水: 'Sugar-free sparkling water',
  冷萃咖啡液: 'Cold-brew concentrate', 燕麦奶: 'Oat milk', 茉莉花茶: 'Jasmine tea', 挂耳咖啡: 'Drip-bag coffee', 赤霞珠干红: 'Cabernet Sauvignon',
  清香型白酒: 'Light-aroma baijiu', 精酿啤酒: 'Craft beer', 梅子酒: 'Plum wine', 起泡酒: 'Sparkling wine', 百科全书绘本: 'Picture encyclopedia',
  立体翻翻书: 'Lift-the-flap book', 拼音识字卡: 'Pinyin flash cards', 科普漫画套装: 'Science comics set', 当代长篇小说: 'Contemporary novel', 经典名著典藏版: 'Classics collector’s edition',
  悬疑推理小说: 'Mystery novel', 散文随笔集: 'Essay collection', 中性笔套装: 'Gel pen set', 手账本: 'Planner notebook', 水彩颜料: 'Watercolour paints',
  钢笔: 'Fountain pen', 便利贴: 'Sticky notes', 考研英语真题: 'Postgraduate English past papers', 公务员考试教材: 'Civil-service exam guide', 小学数学练习册: 'Primary maths workbook',
  雅思词汇书: 'IELTS vocabulary book',
};

export const BRANDS_EN: Record<string, string> = {
  果园直发: 'Orchard Direct', 鲜丰: 'Xianfeng', 百果园: 'Pagoda', 佳沛: 'Zespri', '农夫山泉17.5°': 'Nongfu 17.5°', 盒马: 'Freshippo', 本来生活: 'Benlai', 每日优鲜: 'Missfresh',
  绿行者: 'Green Walker', 小肥羊: 'Little Sheep', 京东跑山猪: 'JD Mountain Pig', 德青源: 'Deqingyuan', 恒都: 'Hengdu', 獐子岛: 'Zhangzidao', 国联: 'Guolian', 海鲜工坊: 'Seafood Works',
  渔家小院: 'Fisher’s Yard', 珀莱雅: 'Proya', 薇诺娜: 'Winona', 自然堂: 'Chando', 百雀羚: 'Pechoin', 润百颜: 'Biohyalux', 花西子: 'Florasis', 完美日记: 'Perfect Diary',
  毛戈平: 'Mao Geping', 橘朵: 'Judydoll', 阿道夫: 'Adolph', 舒肤佳: 'Safeguard', 半亩花田: 'Banmu Huatian', 滋源: 'Seeyoung', 观夏: 'To Summer', 气味图书馆: 'Scent Library',
  野兽派: 'The Beast', 闻献: 'Documents', 飞鹤: 'Feihe', 君乐宝: 'Junlebao', 英氏: 'Engnice', 小鹿蓝蓝: 'Xiaolu Lanlan', 爱他美: 'Aptamil', 帮宝适: 'Pampers',
  花王: 'Kao', 好奇: 'Huggies', 全棉时代: 'PurCotton', 乐高: 'LEGO', 费雪: 'Fisher-Price', 贝恩施: 'Beiens', 可优比: 'KUB', 巴拉巴拉: 'Balabala',
  安奈儿: 'Annil', 戴维贝拉: 'Dave & Bella', 小猪班纳: 'Pig Banner', 华为: 'Huawei', 小米: 'Xiaomi', 荣耀: 'Honor', 漫步者: 'Edifier', 索尼: 'Sony',
  美的: 'Midea', 九阳: 'Joyoung', 小熊: 'Bear', 科沃斯: 'Ecovacs', 戴森: 'Dyson', 飞利浦: 'Philips', 联想: 'Lenovo', 罗技: 'Logitech',
  雷蛇: 'Razer', 太平鸟: 'Peacebird', 乐町: 'LEDIN', 伊芙丽: 'Eifini', 海澜之家: 'HLA', 优衣库: 'Uniqlo', 杰克琼斯: 'Jack & Jones', 雅戈尔: 'Youngor',
  李宁: 'Li-Ning', 安踏: 'Anta', 特步: 'Xtep', 回力: 'Warrior', 斯凯奇: 'Skechers', 新秀丽: 'Samsonite', 古良吉吉: 'Guliang Jiji', 苏泊尔: 'Supor',
  双立人: 'Zwilling', 膳魔师: 'Thermos', 乐扣乐扣: 'Lock & Lock', 康宁: 'Corning', 罗莱: 'Luolai', 水星家纺: 'Mercury', 富安娜: 'Fuanna', 网易严选: 'NetEase Yanxuan',
  蓝月亮: 'Blue Moon', 立白: 'Liby', 维达: 'Vinda', 清风: 'Breeze', 威露士: 'Walch', 天马: 'Tenma', 禧天龙: 'Citylong', 太力: 'Taili',
  宜家: 'IKEA', 三只松鼠: 'Three Squirrels', 良品铺子: 'Bestore', 百草味: 'Be & Cheery', 洽洽: 'ChaCheer', 卫龙: 'Weilong', 盼盼: 'Panpan', 德芙: 'Dove',
  来伊份: 'Laiyifen', 元气森林: 'Genki Forest', 三顿半: 'Saturnbird', 农夫山泉: 'Nongfu Spring', 隅田川: 'Sumida River', 张裕: 'Changyu', 汾酒: 'Fenjiu', 青岛啤酒: 'Tsingtao',
  梅见: 'Meijian', 长城: 'Great Wall', 中信出版: 'CITIC Press', 蒲蒲兰: 'Pupulan', 乐乐趣: 'Lelequ', 接力出版社: 'Jieli Press', 人民文学出版社: 'People’s Literature', 上海译文: 'Shanghai Translation',
  磨铁图书: 'Motie Books', 理想国: 'Imaginist', 晨光: 'M&G', 得力: 'Deli', 百乐: 'Pilot', 国誉: 'Kokuyo', 樱花: 'Sakura', 新东方: 'New Oriental',
  粉笔: 'Fenbi', 学而思: 'Xueersi', 中公教育: 'Offcn',
};

export const PHRASES_EN: Record<string, string> = {
  '产地直发 坏果包赔': 'Shipped from the farm · bad fruit refunded', '当季鲜摘 香甜多汁': 'Picked in season · sweet and juicy', '顺丰冷链 新鲜到家': 'Cold-chain delivery · fresh to your door',
  '基地直采 当日配送': 'Straight from the farm · same-day delivery', 无农药残留检测: 'Tested for pesticide residue', '新鲜水灵 现摘现发': 'Crisp and fresh · picked to order',
  '冷链配送 锁住鲜味': 'Cold-chain delivery · locked-in freshness', '草饲放养 肉质鲜嫩': 'Grass-fed · tender meat', '检疫合格 放心吃': 'Inspected and certified',
  '急冻锁鲜 整箱直发': 'Flash-frozen · shipped by the case', '深海捕捞 肉质紧实': 'Deep-sea caught · firm texture', '鲜活到家 死蟹包赔': 'Delivered alive · or refunded',
  '敏感肌可用 温和不刺激': 'Gentle on sensitive skin', '28天焕亮 肉眼可见': 'Visibly brighter in 28 days', '明星同款 爆款回购': 'Celebrity favourite · best seller',
  '显白不挑皮 持久不脱色': 'Flatters every skin tone · long-lasting', '新品上市 限量色号': 'New release · limited shades', '国货之光 颜值在线': 'Pride of Chinese brands',
  '持久留香 温和清洁': 'Lasting scent · gentle clean', '大瓶装 全家可用': 'Family-size bottle', '无硅油 柔顺蓬松': 'Silicone-free · soft and full',
  '东方香调 高级感': 'Oriental notes · refined', '礼盒包装 送礼首选': 'Gift-boxed · perfect present', '清新淡雅 日常通勤': 'Fresh and light · for every day',
  '科学配比 营养均衡': 'Balanced nutrition', '0添加 宝宝放心吃': 'No additives · safe for babies', '新国标 品质保障': 'New national standard · quality assured',
  '干爽透气 不红屁屁': 'Dry and breathable', '整箱囤货 超值装': 'Stock-up case · great value', '柔软亲肤 加厚款': 'Soft on skin · extra thick',
  '启发智力 亲子互动': 'Learning through play together', '环保材质 安全无毒': 'Safe, non-toxic materials', '生日礼物 送娃首选': 'A favourite birthday gift',
  'A类面料 亲肤柔软': 'Class A fabric · soft on skin', '新款上市 洋气百搭': 'New season · goes with everything', '宽松版型 活动自如': 'Relaxed fit · free to move',
  '旗舰影像 超长续航': 'Flagship camera · all-day battery', '新品首发 以旧换新': 'Launch offer · trade-in welcome', '12期免息 官方正品': '12 months interest-free · genuine',
  '主动降噪 沉浸音质': 'Active noise cancelling · immersive sound', '超长续航 快充': 'Long battery · fast charging', '高清通话 低延迟游戏': 'Clear calls · low-latency gaming',
  '智能控温 一键操作': 'Smart temperature · one-touch', '国补立减 包邮到家': 'Subsidy discount · free delivery', '大容量 全家够用': 'Large capacity for the family',
  '轻薄便携 高性能': 'Thin, light, powerful', 办公游戏两不误: 'For work and play', '护眼屏 低蓝光': 'Eye-care screen · low blue light',
  '显瘦百搭 气质通勤': 'Slimming · office-ready', '春夏新款 清爽透气': 'Spring/summer · light and airy', '设计师款 小众高级': 'Designer piece · understated',
  '纯棉舒适 不起球': 'Pure cotton · no pilling', '经典版型 四季可穿': 'Classic cut · all seasons', '商务休闲 两穿': 'Business or casual',
  '缓震回弹 久走不累': 'Cushioned · comfortable all day', '百搭小白鞋 经典款': 'The classic white sneaker', '防滑耐磨 户外必备': 'Grippy and durable outdoors',
  '大容量 通勤必备': 'Roomy commuter essential', '轻盈耐用 防泼水': 'Light, tough, splash-proof', '简约百搭 送礼佳品': 'Simple and stylish · great gift',
  '少油烟 不粘锅': 'Less smoke · non-stick', '食品级材质 安全放心': 'Food-grade materials', '厨房好物 提升幸福感': 'A kitchen favourite',
  'A类纯棉 亲肤透气': 'Class A cotton · breathable', '四季可用 一夜好眠': 'All seasons · sleep well', 五星酒店同款: 'As used in five-star hotels',
  '囤货装 更划算': 'Stock-up pack · better value', '除菌去渍 温和不伤手': 'Kills germs · gentle on hands', '家庭必备 量贩装': 'Household essential · bulk pack',
  '大容量 整洁有序': 'Large capacity · tidy', '可叠加 省空间': 'Stackable · space-saving', 防尘防潮: 'Dust- and damp-proof',
  '科学配比 每日一袋': 'One balanced pack a day', '颗颗饱满 香脆可口': 'Plump and crunchy', 送礼自吃两相宜: 'To give or to keep',
  '追剧必备 一口上瘾': 'Binge-watching snack', '网红爆款 量大实惠': 'Viral hit · big pack', '0反式脂肪': 'Zero trans fat',
  '0糖0脂 清爽解腻': 'Zero sugar, zero fat', '整箱囤货 更优惠': 'Cheaper by the case', '精品原料 醇香浓郁': 'Premium ingredients · rich aroma',
  '宴请佳品 口感醇厚': 'For banquets · full-bodied', '微醺时光 好友小聚': 'For evenings with friends', '产区直供 品质之选': 'Direct from the region',
  '亲子共读 启蒙认知': 'Read together · early learning', '精装硬壳 不怕撕': 'Hardcover · tear-proof', '名家名译 经典必读': 'Acclaimed translation · a must-read',
  '豆瓣高分 口碑之作': 'Top-rated by readers', '精装典藏 值得收藏': 'Hardcover collector’s edition', '年度畅销 好评如潮': 'Bestseller of the year',
  '书写顺滑 不断墨': 'Smooth writing · no skipping', '学生办公 两相宜': 'For school and office', '高颜值 文具控必备': 'Beautiful stationery',
  '名师编写 考点全覆盖': 'By top teachers · covers every topic', '真题解析 高效提分': 'Past papers explained', 配套视频课: 'With video lessons',
};

export const TAGS_EN: Record<string, string> = { 新款: 'New', 爆款: 'Best seller', 热卖: 'Hot', 官方正品: 'Official', 限定款: 'Limited' };

export const SHIPPING_EN: Record<string, string> = {
  '下单后48小时内发货。': 'Ships within 48 hours.',
  '支持7天无理由退换。': '7-day no-questions returns.',
  '官方授权，正品保障。': 'Authorised and genuine.',
  '满99元包邮。': 'Free delivery over ¥99.',
};

/** The English for a template string, or the string itself where it is already Latin script. */
export const english = (dict: Record<string, string>, zh: string) => dict[zh] ?? zh;

/** Option names (规格 → Option ...). */
export const ATTR_NAMES_EN: Record<string, string> = { 颜色: 'Colour', 尺码: 'Size', 规格: 'Option', 存储: 'Storage', 容量: 'Capacity', 尺寸: 'Size', 段位: 'Stage', 版本: 'Edition', 配置: 'Configuration' };

/** Option values with Chinese in them; sizes and units in Latin letters (M, 42, 500g, 8+256GB) need no entry. */
export const ATTR_VALUES_EN: Record<string, string> = {
  '#01 正红': '#01 True red', '#02 豆沙': '#02 Rose beige', '#03 枫叶': '#03 Maple', '#04 奶茶': '#04 Milk tea',
  '1.5m床': '1.5 m bed', '1.8m床': '1.8 m bed', '2.0m床': '2.0 m bed',
  '12包整箱': 'Case of 12 packs', '12瓶装': '12 bottles', '24瓶整箱': 'Case of 24 bottles', '6包装': '6 packs', '6瓶装': '6 bottles', 整箱6瓶: 'Case of 6 bottles',
  '2.5kg装': '2.5 kg pack', '5kg装': '5 kg pack', '家庭装 2kg': 'Family pack 2 kg', '礼盒 750g': 'Gift box 750 g', '礼盒装 3kg': 'Gift box 3 kg', 礼盒装: 'Gift box', 双支礼盒: 'Gift box of 2',
  '1段': 'Stage 1', '2段': 'Stage 2', '3段': 'Stage 3', 单罐: '1 tin', '2罐装': '2 tins', '3个装': 'Pack of 3',
  三件套: '3-piece set', 五件套: '5-piece set', 全套: 'Full set', 单个: 'Single', 单件: 'Single piece', 单册: 'Single volume', 单包: 'Single pack', 单本: 'Single copy', 单瓶: 'Single bottle',
  小包: 'Small pack', 量贩装: 'Value pack', 平装: 'Paperback', 精装: 'Hardcover', 标准版: 'Standard', 旗舰版: 'Flagship', 高配版: 'High spec',
  卡其: 'Khaki', 奶油白: 'Cream white', 星河蓝: 'Galaxy blue', 曜石黑: 'Obsidian black', 杏色: 'Apricot', 樱粉: 'Sakura pink', 深空灰: 'Space grey', 焦糖色: 'Caramel',
  燕麦色: 'Oatmeal', 白色: 'White', 米白: 'Off-white', 粉色: 'Pink', 红色: 'Red', 蓝色: 'Blue', 薄荷绿: 'Mint green', 藏青: 'Navy', 雪域白: 'Snow white', 雾蓝: 'Haze blue',
  雾霾蓝: 'Misty blue', 黄色: 'Yellow', 黑色: 'Black',
};

/** The English option names and values of a SKU's attributes, keyed by the Chinese name (as the catalog stores them). */
export const englishAttributes = (attributes: Record<string, string>) =>
  Object.fromEntries(Object.entries(attributes).map(([name, value]) => [name, { name: english(ATTR_NAMES_EN, name), value: english(ATTR_VALUES_EN, value) }]));
