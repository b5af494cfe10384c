// A campaign button's tap: run it for a signed-in shopper, else send them to sign in carrying the
// action (../../intent.ts), so it completes on return without a second tap. A tap while the session
// is still loading (just back from signing up) waits for it rather than asking to sign in again.
import { useQueryClient } from '@tanstack/react-query';
import { meQuery } from '../../../shared/session';
import { useSignInFor } from '../../intent';

export function useTap() {
  const client = useQueryClient();
  const signIn = useSignInFor();
  return (run: () => unknown, action: string, arg?: string, mode: 'login' | 'signup' = 'login') =>
    void client.ensureQueryData(meQuery).then((user) => (user ? run() : signIn(action, arg, mode)));
}
