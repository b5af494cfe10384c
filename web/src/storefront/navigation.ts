// Where shoppers are sent: to sign in and back to the very page (with its ?s= share token), and
// on to payment and back.
import { useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from 'react-router-dom';
import { meQuery } from '../shared/session';

/** Where to send a signed-out shopper: login, coming back to this very page (with its ?s=). */
export function useLoginRedirect() {
  const client = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const here = location.pathname + location.search;
  const toLogin = () => navigate(`/login?next=${encodeURIComponent(here)}`);
  return {
    here,
    loginUrl: `/login?next=${encodeURIComponent(here)}`,
    signupUrl: `/signup?next=${encodeURIComponent(here)}`,
    toLogin,
    /**
     * Runs `run` for a signed-in shopper, else goes to sign in. A tap while the session is still
     * loading (just after signing up and coming back) waits for it instead of being lost.
     */
    withSignIn: async (run: () => unknown) => {
      const user = await client.ensureQueryData(meQuery);
      if (user) await run();
      else toLogin();
    },
  };
}

export const payUrl = (orderId: string, next: string) => `/orders/${orderId}/pay?next=${encodeURIComponent(next)}`;

/** Only same-site paths are followed after sign-in or payment. */
export function safeNext(next: string | null | undefined, fallback: string): string {
  if (!next || !next.startsWith('/') || next.startsWith('//')) return fallback;
  return next;
}

