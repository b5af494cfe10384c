// Categories as a tree (Ant Design Tree), each with the products in it and below it; add a top-level
// category or a subcategory, edit (rename, move under another parent, reorder) and delete, as the
// API allows (at most three levels, no cycles, only empty categories are deleted).
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Form, Input, InputNumber, Modal, Skeleton, Space, Tree, TreeSelect, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { api, call } from '../../shared/api';
import { formatNumber } from '../../shared/format';
import { useErrorText } from '../../shared/ui';
import { PageHead } from '../kit';
import { flattenCategories, treeOptions, useCategoryTree, type AnyCategory } from './data';

interface TreeNode {
  key: string;
  title: React.ReactNode;
  children?: TreeNode[];
}

export function CategoriesPage() {
  const { t, i18n } = useTranslation('catalog');
  const en = i18n.language === 'en';
  const { modal, message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const tree = useCategoryTree();
  const [editing, setEditing] = useState<{ category?: AnyCategory; parentId?: string | null } | null>(null);
  const all = useMemo(() => flattenCategories(tree.data?.items), [tree.data]);

  const refresh = async () => {
    await client.invalidateQueries({ queryKey: ['admin', 'categories'] });
  };

  function remove(c: AnyCategory) {
    modal.confirm({
      centered: true,
      title: t('deleteCategory', { name: en ? c.nameEn : c.name }),
      content: t('deleteCategoryBody'),
      okText: t('remove'),
      okButtonProps: { danger: true },
      cancelText: t('cancel'),
      onOk: async () => {
        try {
          await call(api.DELETE('/api/v1/admin/catalog/categories/{id}', { params: { path: { id: c.id } } }));
          void message.success(t('categoryDeleted'));
          await refresh();
        } catch (err) {
          void message.error(errorText(err));
        }
      },
    });
  }

  const toNodes = (list: readonly AnyCategory[], depth: number): TreeNode[] =>
    list.map((c) => ({
      key: c.id,
      title: (
        <Space size="middle" data-testid={`category-${c.slug}`}>
          <span>{en ? c.nameEn : c.name}</span>
          <Link to={`/products?category=${c.id}`} aria-label={`${en ? c.nameEn : c.name} ${t('categoryCount', { n: formatNumber(c.productsWithin) })}`}>
            <Typography.Text type="secondary">{t('categoryCount', { n: formatNumber(c.productsWithin) })}</Typography.Text>
          </Link>
          <Space size={4}>
            {depth < 3 && <Button size="small" type="link" onClick={() => setEditing({ parentId: c.id })}>{t('addChild')}</Button>}
            <Button size="small" type="link" onClick={() => setEditing({ category: c })}>{t('rename')}</Button>
            <Button size="small" type="link" danger disabled={c.productsWithin > 0 || (c.children?.length ?? 0) > 0} onClick={() => remove(c)}>{t('remove')}</Button>
          </Space>
        </Space>
      ),
      children: c.children?.length ? toNodes(c.children, depth + 1) : undefined,
    }));

  return (
    <>
      <PageHead title={t('categories')} actions={<Button type="primary" onClick={() => setEditing({ parentId: null })}>{t('newCategory')}</Button>} />
      <Card>
        <Typography.Paragraph type="secondary">{t('treeHint')}</Typography.Paragraph>
        {tree.isLoading && <Skeleton active />}
        {tree.error && <Alert type="error" showIcon title={errorText(tree.error)} />}
        {tree.data && tree.data.items.length === 0 && <Empty description={t('noCategories')} />}
        {tree.data && tree.data.items.length > 0 && <Tree blockNode selectable={false} defaultExpandAll treeData={toNodes(tree.data.items, 1)} />}
      </Card>
      {editing && <CategoryDialog all={all} category={editing.category} parentId={editing.parentId ?? null} onClose={async (changed) => { setEditing(null); if (changed) await refresh(); }} />}
    </>
  );
}

interface CategoryForm {
  name: string;
  nameEn: string;
  slug: string;
  parentId?: string | null;
  sort: number;
}

function CategoryDialog({ all, category, parentId, onClose }: { all: AnyCategory[]; category?: AnyCategory; parentId: string | null; onClose: (changed: boolean) => void | Promise<void> }) {
  const { t, i18n } = useTranslation('catalog');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const tree = useCategoryTree();
  const [form] = Form.useForm<CategoryForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const parent = all.find((c) => c.id === parentId);

  async function submit(v: CategoryForm) {
    setBusy(true);
    setError(null);
    const body = { name: v.name.trim(), nameEn: v.nameEn.trim(), slug: v.slug.trim(), parentId: v.parentId ?? null, sort: v.sort ?? 0 };
    try {
      if (category) await call(api.PATCH('/api/v1/admin/catalog/categories/{id}', { params: { path: { id: category.id } }, body }));
      else await call(api.POST('/api/v1/admin/catalog/categories', { body }));
      void message.success(t('categorySaved'));
      await onClose(true);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal
      open
      centered
      title={category ? `${t('rename')}: ${category.name}` : parent ? `${t('addChild')}: ${parent.name}` : t('newCategory')}
      okText={t('save')}
      cancelText={t('cancel')}
      confirmLoading={busy}
      onOk={() => form.submit()}
      onCancel={() => void onClose(false)}
      destroyOnHidden
    >
      <Form<CategoryForm>
        form={form}
        layout="vertical"
        onFinish={(v) => void submit(v)}
        initialValues={category ? { name: category.name, nameEn: category.nameEn, slug: category.slug, parentId: category.parentId, sort: category.sort } : { parentId, sort: 0 }}
      >
        <Form.Item name="name" label={t('nameZh')} rules={[{ required: true, whitespace: true, max: 40, message: t('nameRequired') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="nameEn" label={t('nameEn')} rules={[{ required: true, whitespace: true, max: 40, message: t('nameRequired') }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item name="slug" label={t('slug')} extra={t('slugHint')} rules={[{ required: true, max: 60, pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, message: t('slugInvalid') }]}>
          <Input maxLength={60} />
        </Form.Item>
        <Form.Item name="parentId" label={t('parent')}>
          <TreeSelect allowClear placeholder={t('topLevel')} treeDefaultExpandAll treeData={treeOptions(tree.data?.items, i18n.language === 'en', category?.id)} />
        </Form.Item>
        <Form.Item name="sort" label={t('sort')} rules={[{ type: 'integer', min: -1_000_000, max: 1_000_000 }]}>
          <InputNumber precision={0} style={{ width: 160 }} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon title={error} />}
    </Modal>
  );
}
