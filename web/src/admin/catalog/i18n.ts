// The catalog pages' words (products, the spec matrix, images, categories), zh-CN and en.
import i18n from 'i18next';
import type { Namespace } from '../../shared/i18n';

const zh = {
  products: '商品管理', newProduct: '新建商品', search: '搜索商品标题', allStatuses: '全部状态', allCategories: '全部类目',
  product: '商品', category: '类目', price: '价格', stock: '库存', sales: '销量', status: '状态', createdAt: '创建时间', noCategory: '（未知类目）',
  total: '共 {{n}} 件商品', selected: '已选 {{count}} 件',
  bulkOn: '批量上架', bulkOff: '批量下架',
  confirmOn: '上架 {{count}} 件商品？', confirmOnBody: '上架后顾客即可看到并购买；没有启用规格的商品无法上架。',
  confirmOff: '下架 {{count}} 件商品？', confirmOffBody: '下架后顾客将看不到这些商品，已下的订单不受影响；之后可以重新上架。',
  doneOn: '已上架 {{count}} 件商品', doneOff: '已下架 {{count}} 件商品', someFailed: '{{count}} 件商品未能变更：',
  statusName: { draft: '草稿', active: '在售', archived: '已下架' },
  ok: '确定', cancel: '取消', save: '保存', saved: '已保存', created: '商品已创建', backToList: '返回商品列表',
  basics: '基本信息', title: '商品标题', titleRequired: '请输入商品标题', titleTooLong: '标题最多 80 个字', subtitle: '副标题', description: '商品描述',
  categoryRequired: '请选择类目', chooseCategory: '选择类目', initialStatus: '创建后', statusDraft: '存为草稿', statusActive: '立即上架',
  images: '商品图片', imagesHint: '最多 9 张，第一张为封面；PNG、JPEG、WebP 或 SVG，每张不超过 2 MB', upload: '上传', imageBadType: '只支持 PNG、JPEG、WebP 或 SVG 图片', imageTooBig: '图片不能超过 2 MB', imageUploading: '请等图片上传完成',
  specs: '规格', specsHint: '添加规格（如 颜色：红、蓝），系统会为每种组合生成一个 SKU；不添加规格则只有一个 SKU。', addSpec: '添加规格', removeSpec: '删除规格',
  specName: '规格名', specNamePlaceholder: '如 颜色', specValues: '规格值', specValuesPlaceholder: '输入后回车，如 红',
  specNameRequired: '请填写规格名', specNameRepeated: '规格名不能重复', specValuesRequired: '至少填写一个规格值', tooManyCombos: '规格组合最多 {{max}} 个，当前 {{count}} 个',
  skus: 'SKU（{{count}}）', combination: '规格组合', single: '默认规格', skuCode: '编码', priceYuan: '售价（元）', stockInitial: '库存',
  codeInvalid: '编码只能包含字母、数字、点、短横线和下划线', priceRequired: '请填写大于 0 的售价', stockRequired: '请填写 0 到 1,000,000 的库存',
  leaveTitle: '放弃未保存的修改？', leaveBody: '离开后，这一页上未保存的修改将会丢失。', leave: '离开', stay: '继续编辑',
  notFound: '找不到这个商品',
  skuTitle: '规格（SKU）', skuLabel: '规格', listPrice: '划线价（元）', onHand: '在库', available: '可售', skuStatus: '状态', edit: '编辑', adjustStock: '调整库存',
  skuActive: '启用', skuInactive: '停用', editSku: '编辑规格 {{code}}', addSku: '添加规格', skuSaved: '规格已保存', skuAdded: '规格已添加', attrValue: '{{name}}',
  listPriceInvalid: '划线价须大于 0，可不填', attrRequired: '请填写 {{name}}',
  categories: '类目', newCategory: '新建类目', addChild: '添加子类目', rename: '编辑', move: '移动', remove: '删除',
  categoryCount: '{{n}} 件商品', nameZh: '中文名', nameEn: '英文名', slug: '链接名（slug）', slugHint: '小写字母、数字和短横线，如 home-goods', parent: '上级类目', topLevel: '无（顶级类目）', sort: '排序',
  nameRequired: '请输入 1 到 40 个字', slugInvalid: '只能使用小写字母、数字和单个短横线', categorySaved: '类目已保存', categoryDeleted: '类目已删除',
  deleteCategory: '删除类目「{{name}}」？', deleteCategoryBody: '只能删除没有商品和子类目的类目，删除后无法恢复。', noCategories: '还没有类目',
  treeHint: '数字是该类目及其子类目下的商品数。',
};
const en: typeof zh = {
  products: 'Products', newProduct: 'New product', search: 'Search titles', allStatuses: 'All statuses', allCategories: 'All categories',
  product: 'Product', category: 'Category', price: 'Price', stock: 'Stock', sales: 'Sold', status: 'Status', createdAt: 'Created', noCategory: '(unknown category)',
  total: '{{n}} products', selected: '{{count}} selected',
  bulkOn: 'Put on sale', bulkOff: 'Take off sale',
  confirmOn: 'Put {{count}} products on sale?', confirmOnBody: 'Shoppers can see and buy them once on sale; a product without an active option cannot go on sale.',
  confirmOff: 'Take {{count}} products off sale?', confirmOffBody: 'Shoppers will no longer see them; orders already placed are not affected, and you can put them back on sale later.',
  doneOn: '{{count}} products on sale', doneOff: '{{count}} products taken off sale', someFailed: '{{count}} products did not change:',
  statusName: { draft: 'Draft', active: 'On sale', archived: 'Off sale' },
  ok: 'OK', cancel: 'Cancel', save: 'Save', saved: 'Saved', created: 'Product created', backToList: 'Back to products',
  basics: 'Details', title: 'Title', titleRequired: 'Enter a title', titleTooLong: 'A title has at most 80 characters', subtitle: 'Subtitle', description: 'Description',
  categoryRequired: 'Choose a category', chooseCategory: 'Choose a category', initialStatus: 'After creating', statusDraft: 'Keep as draft', statusActive: 'Put on sale',
  images: 'Images', imagesHint: 'Up to 9; the first is the cover. PNG, JPEG, WebP or SVG, 2 MB each at most', upload: 'Upload', imageBadType: 'Only PNG, JPEG, WebP or SVG images', imageTooBig: 'Images must be 2 MB or smaller', imageUploading: 'Wait for the images to finish uploading',
  specs: 'Options', specsHint: 'Add options (e.g. Colour: red, blue); each combination becomes a SKU. Without options the product has one SKU.', addSpec: 'Add option', removeSpec: 'Remove option',
  specName: 'Option', specNamePlaceholder: 'e.g. 颜色 / Colour', specValues: 'Values', specValuesPlaceholder: 'Type a value and press Enter',
  specNameRequired: 'Name the option', specNameRepeated: 'Option names must differ', specValuesRequired: 'Add at least one value', tooManyCombos: 'At most {{max}} combinations; these options make {{count}}',
  skus: 'SKUs ({{count}})', combination: 'Combination', single: 'Default', skuCode: 'Code', priceYuan: 'Price (¥)', stockInitial: 'Stock',
  codeInvalid: 'Letters, digits, dots, dashes and underscores only', priceRequired: 'Enter a price above 0', stockRequired: 'Enter stock from 0 to 1,000,000',
  leaveTitle: 'Discard unsaved changes?', leaveBody: 'Changes on this page that are not saved will be lost.', leave: 'Leave', stay: 'Keep editing',
  notFound: 'No such product',
  skuTitle: 'SKUs', skuLabel: 'Variant', listPrice: 'List price (¥)', onHand: 'On hand', available: 'Available', skuStatus: 'Status', edit: 'Edit', adjustStock: 'Adjust stock',
  skuActive: 'Active', skuInactive: 'Inactive', editSku: 'Edit SKU {{code}}', addSku: 'Add SKU', skuSaved: 'SKU saved', skuAdded: 'SKU added', attrValue: '{{name}}',
  listPriceInvalid: 'A list price is above 0, or empty', attrRequired: 'Enter {{name}}',
  categories: 'Categories', newCategory: 'New category', addChild: 'Add subcategory', rename: 'Edit', move: 'Move', remove: 'Delete',
  categoryCount: '{{n}} products', nameZh: 'Chinese name', nameEn: 'English name', slug: 'URL name (slug)', slugHint: 'Lowercase letters, digits and hyphens, e.g. home-goods', parent: 'Parent', topLevel: 'None (top level)', sort: 'Sort order',
  nameRequired: 'Enter 1 to 40 characters', slugInvalid: 'Lowercase letters, digits and single hyphens only', categorySaved: 'Category saved', categoryDeleted: 'Category deleted',
  deleteCategory: 'Delete category “{{name}}”?', deleteCategoryBody: 'Only a category without products or subcategories can be deleted. This cannot be undone.', noCategories: 'No categories yet',
  treeHint: 'Numbers count the products in a category and its subcategories.',
};

export const catalog: Namespace = { 'zh-CN': zh, en };

const register = () => {
  for (const lang of ['zh-CN', 'en'] as const) if (!i18n.hasResourceBundle(lang, 'catalog')) i18n.addResourceBundle(lang, 'catalog', catalog[lang]);
};
if (i18n.isInitialized) register();
else i18n.on('initialized', register);
