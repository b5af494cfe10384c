// What the catalog pages share: the API's shapes, the category tree (with product counts) and its
// TreeSelect form, and reading images to upload.
import { useQuery } from '@tanstack/react-query';
import { api, call, type paths } from '../../shared/api';

type Json<P extends keyof paths, M extends 'get' | 'post'> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;

export type BoardItem = Json<'/api/v1/admin/catalog/products/board', 'get'>['items'][number];
export type CategoryNode = Json<'/api/v1/admin/catalog/categories/tree', 'get'>['items'][number];
export type ProductDetail = Json<'/api/v1/admin/catalog/products/{id}', 'get'>;
export type ProductStatus = 'draft' | 'active' | 'archived';

/** Any level of the tree (the API spells out three levels). */
export interface AnyCategory {
  id: string;
  parentId: string | null;
  name: string;
  nameEn: string;
  slug: string;
  sort: number;
  products: number;
  productsWithin: number;
  children?: AnyCategory[];
}

export const categoryTreeKey = ['admin', 'categories', 'tree'] as const;

export function useCategoryTree() {
  return useQuery({ queryKey: categoryTreeKey, queryFn: () => call(api.GET('/api/v1/admin/catalog/categories/tree')), staleTime: 30_000 });
}

export function flattenCategories(nodes: readonly AnyCategory[] | undefined): AnyCategory[] {
  const out: AnyCategory[] = [];
  const walk = (list: readonly AnyCategory[]) => {
    for (const n of list) {
      out.push(n);
      walk(n.children ?? []);
    }
  };
  walk(nodes ?? []);
  return out;
}

export interface TreeOption {
  value: string;
  title: string;
  disabled?: boolean;
  children?: TreeOption[];
}

/** The tree as TreeSelect options, named in the console's language; `except` (and what is below it) cannot be chosen. */
export function treeOptions(nodes: readonly AnyCategory[] | undefined, en: boolean, except?: string): TreeOption[] {
  const map = (list: readonly AnyCategory[], blocked: boolean): TreeOption[] =>
    list.map((n) => {
      const off = blocked || n.id === except;
      return { value: n.id, title: en ? n.nameEn : n.name, ...(off ? { disabled: true } : {}), ...(n.children?.length ? { children: map(n.children, off) } : {}) };
    });
  return map(nodes ?? [], false);
}

export const MEDIA_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/svg+xml'] as const;
export type MediaType = (typeof MEDIA_TYPES)[number];
export const MEDIA_MAX_BYTES = 2 * 1024 * 1024;

export function readBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** Yuan as typed (a number from InputNumber) → whole fen. */
export const toFen = (yuan: number) => Math.round(yuan * 100);
