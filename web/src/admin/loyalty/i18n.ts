// The loyalty page's words, zh-CN and en.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  title: '积分与会员', rules: '积分规则', tiers: '会员等级', save: '保存规则', saved: '积分规则已保存', adminOnly: '只有管理员可以修改积分规则。', unchanged: '没有改动',
  range: '可填 {{min}}–{{max}}，默认 {{def}}', outOfRange: '请输入 {{min}}–{{max}} 之间的整数', required: '请填写',
  rule: {
    pointsPerYuan: { label: '每消费 ¥1 获得积分', unit: '分' },
    pointValueFen: { label: '每积分抵扣', unit: '分钱' },
    maxDeductionPercent: { label: '积分最多抵扣商品金额', unit: '%' },
    reviewPoints: { label: '发表评价奖励', unit: '积分' },
    checkinPoints: { label: '每日签到奖励', unit: '积分' },
    checkinStreakBonusEvery: { label: '连续签到满', unit: '天额外奖励' },
    checkinStreakBonusPoints: { label: '连续签到额外奖励', unit: '积分' },
    expiryYears: { label: '积分有效期', unit: '年（0 为永久）' },
    shareClickPoints: { label: '分享被新访客点击奖励', unit: '积分' },
    shareClickDailyCap: { label: '分享点击积分每日上限', unit: '积分' },
  },
  groups: { earn: '获得积分', spend: '使用与过期', share: '分享奖励' },
  tierName: '名称', tierNameEn: '英文名称', tierCode: '代码', minGrowth: '所需成长值', discount: '会员折扣', noDiscount: '无折扣', freeShipping: '包邮', yes: '是', no: '否', sort: '排序',
  newTier: '新建等级', editTier: '编辑等级', edit: '编辑', cancel: '取消', saveTier: '保存', tierSaved: '会员等级已保存',
  codeHelp: '小写字母开头，2–32 位小写字母、数字或下划线；保存后不能修改', codeInvalid: '代码格式不正确', codeTaken: '已有这个代码的等级',
  pricePercent: '会员价（原价的 %）', pricePercentHelp: '100 为不打折，95 即 95 折', pricePercentInvalid: '请输入 50–100', growthInvalid: '请输入 0 或更大的整数', sortInvalid: '请输入 0–1000 的整数',
  tiersHelp: '成长值随付款累积；会员达到门槛即升级，修改门槛后会员立即重新定级。',
};
const en: typeof zh = {
  title: 'Loyalty', rules: 'Points rules', tiers: 'Membership tiers', save: 'Save rules', saved: 'Points rules saved', adminOnly: 'Only admins can change the points rules.', unchanged: 'Nothing changed',
  range: '{{min}}–{{max}}, default {{def}}', outOfRange: 'Enter a whole number from {{min}} to {{max}}', required: 'Required',
  rule: {
    pointsPerYuan: { label: 'Points per ¥1 paid', unit: 'points' },
    pointValueFen: { label: 'One point is worth', unit: 'fen' },
    maxDeductionPercent: { label: 'Points may pay at most', unit: '% of the goods' },
    reviewPoints: { label: 'Points for a review', unit: 'points' },
    checkinPoints: { label: 'Points for a daily check-in', unit: 'points' },
    checkinStreakBonusEvery: { label: 'Streak bonus every', unit: 'days in a row' },
    checkinStreakBonusPoints: { label: 'Streak bonus', unit: 'points' },
    expiryYears: { label: 'Points expire after', unit: 'years (0: never)' },
    shareClickPoints: { label: 'Points when a share brings a new visitor', unit: 'points' },
    shareClickDailyCap: { label: 'Share-click points per day at most', unit: 'points' },
  },
  groups: { earn: 'Earning', spend: 'Spending and expiry', share: 'Share rewards' },
  tierName: 'Name', tierNameEn: 'English name', tierCode: 'Code', minGrowth: 'Growth needed', discount: 'Member discount', noDiscount: 'None', freeShipping: 'Free shipping', yes: 'Yes', no: 'No', sort: 'Order',
  newTier: 'New tier', editTier: 'Edit tier', edit: 'Edit', cancel: 'Cancel', saveTier: 'Save', tierSaved: 'Tier saved',
  codeHelp: 'A lowercase letter, then 1–31 lowercase letters, digits or underscores; fixed once saved', codeInvalid: 'That code is not valid', codeTaken: 'A tier with that code exists',
  pricePercent: 'Member price (% of the price)', pricePercentHelp: '100 is no discount; 95 is 5% off', pricePercentInvalid: 'Enter 50–100', growthInvalid: 'Enter a whole number, 0 or more', sortInvalid: 'Enter a whole number from 0 to 1000',
  tiersHelp: 'Growth builds up with payments; members move up when they reach a threshold, and are re-tiered at once when one changes.',
};

export const loyaltyPage: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'loyaltyPage')) i18n.addResourceBundle(lang, 'loyaltyPage', loyaltyPage[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
