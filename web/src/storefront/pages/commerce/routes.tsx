// The commerce pages of the storefront: home, catalogue, product, cart, checkout, the shared
// payment page, orders, sign in / sign up, and the account hub.
import type { RouteObject } from 'react-router-dom';
import './commerce.css';
import { SignupPage, LoginPage } from './Auth';
import { ChangePasswordPage, ForgotPasswordPage } from './Password';
import { CartPage } from './Cart';
import { CategoriesPage, SearchPage } from './Catalog';
import { CheckoutPage } from './Checkout';
import { HomePage } from './Home';
import { AddressesPage, MePage } from './Me';
import { OrderPage, OrdersPage } from './Orders';
import { PayPage } from './Pay';
import { PrivacyPage } from './Privacy';
import { ProductPage } from './Product';

export const commerceRoutes: RouteObject[] = [
  { index: true, element: <HomePage /> },
  { path: 'categories', element: <CategoriesPage /> },
  { path: 'search', element: <SearchPage /> },
  { path: 'product/:id', element: <ProductPage /> },
  { path: 'cart', element: <CartPage /> },
  { path: 'checkout', element: <CheckoutPage /> },
  { path: 'orders', element: <OrdersPage /> },
  { path: 'orders/:id', element: <OrderPage /> },
  { path: 'orders/:id/pay', element: <PayPage /> },
  { path: 'login', element: <LoginPage /> },
  { path: 'signup', element: <SignupPage /> },
  { path: 'forgot-password', element: <ForgotPasswordPage /> },
  { path: 'me/password', element: <ChangePasswordPage /> },
  { path: 'me', element: <MePage /> },
  { path: 'me/addresses', element: <AddressesPage /> },
  { path: 'me/privacy', element: <PrivacyPage /> },
];
