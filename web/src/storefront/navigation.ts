// Where shoppers are sent: to sign in and back to the very page (with its ?s= share token), and
// on to payment and back.
import { useLocation, useNavigate } from 'react-router-dom';
import { useMe } from './auth';

/** Where to send a signed-out shopper: login, coming back to this very page (with its ?s=). */
export function useLoginRedirect() {
  const me = useMe();
  const navigate = useNavigate();
  const location = useLocation();
  const here = location.pathname + location.search;
  return {
    here,
    loginUrl: `/login?next=${encodeURIComponent(here)}`,
    signupUrl: `/signup?next=${encodeURIComponent(here)}`,
    // while the session is still loading we do not know yet: wait rather than send a signed-in shopper to login
    toLogin: () => {
      if (!me.isPending) navigate(`/login?next=${encodeURIComponent(here)}`);
    },
  };
}

export const payUrl = (orderId: string, next: string) => `/orders/${orderId}/pay?next=${encodeURIComponent(next)}`;

/** Only same-site paths are followed after sign-in or payment. */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return fallback;
  return next;
}

