// The catalog pages as lazily loaded routes (react-router `lazy`): antd and its locale come with
// this chunk only. Each export is one route's Component.
import { AntdProvider } from '../antd/provider';
import './i18n';
import { CategoriesPage } from './categories';
import { ProductEditPage } from './product-edit';
import { ProductNewPage } from './product-new';
import { ProductsPage } from './products';

export function ProductsRoute() {
  return (
    <AntdProvider>
      <ProductsPage />
    </AntdProvider>
  );
}

export function ProductNewRoute() {
  return (
    <AntdProvider>
      <ProductNewPage />
    </AntdProvider>
  );
}

export function ProductEditRoute() {
  return (
    <AntdProvider>
      <ProductEditPage />
    </AntdProvider>
  );
}

export function CategoriesRoute() {
  return (
    <AntdProvider>
      <CategoriesPage />
    </AntdProvider>
  );
}
