// The tap that needed a session, carried through sign-in and sign-up. A signed-out shopper who taps
// 发起拼团, 立即参团, 帮TA砍一刀, 领取 … is sent to /login with a return path that names the action
// (?do=<action>[&arg=<value>]); the login and sign-up pages already pass ?next= between each other
// and go back to it, so the page the shopper came from sees the action on return and completes it
// once, without a second tap. The action lives in the URL, not in storage: it survives a reload of
// the sign-in page and the switch to sign-up, and it cannot leak into another tab or account.
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useMe } from './auth';

const ACTION = 'do';
const ARG = 'arg';

/** `path` (default: the current page) with the pending action on it. */
export function withAction(path: string, action: string, arg?: string): string {
  const url = new URL(path, 'http://fission.invalid');
  url.searchParams.set(ACTION, action);
  if (arg !== undefined) url.searchParams.set(ARG, arg);
  else url.searchParams.delete(ARG);
  return url.pathname + url.search + url.hash;
}

/** The sign-in (or sign-up) URL that comes back to `path` and asks it to complete `action`. */
export function signInFor(path: string, action: string, arg?: string, mode: 'login' | 'signup' = 'login'): string {
  return `/${mode}?next=${encodeURIComponent(withAction(path, action, arg))}`;
}

/** A hook for pages: `go(action, arg?)` sends the shopper to sign in and back with the action. */
export function useSignInFor() {
  const navigate = useNavigate();
  const location = useLocation();
  return (action: string, arg?: string, mode: 'login' | 'signup' = 'login') =>
    navigate(signInFor(location.pathname + location.search, action, arg, mode));
}

/**
 * Runs `run(arg)` once when the shopper is signed in, the page is `ready` (its data loaded) and the
 * URL carries ?do=<action>. The parameters are removed first (history replace), so a reload, the
 * back button or a re-render never repeats the action. Money-moving actions should open their
 * confirm step from `run` rather than pay outright.
 */
export function usePendingAction(action: string, run: (arg: string | undefined) => void, ready = true) {
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const done = useRef(false);
  const params = new URLSearchParams(location.search);
  const pending = params.get(ACTION) === action;
  const arg = params.get(ARG) ?? undefined;
  const signedIn = !!me.data;
  useEffect(() => {
    if (!pending || !signedIn || !ready || done.current) return;
    done.current = true;
    params.delete(ACTION);
    params.delete(ARG);
    const search = params.toString();
    navigate({ pathname: location.pathname, search: search ? `?${search}` : '', hash: location.hash }, { replace: true });
    run(arg);
    // `params` is derived from location.search, which is in the list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pending, signedIn, ready, location.search, location.pathname, location.hash, arg, navigate, run]);
}
