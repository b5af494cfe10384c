// The storefront's behaviour beacon: `track('add_to_cart', { productId })` queues an event and
// returns at once; queued events leave in batches of at most 100 for POST /api/v1/events through
// navigator.sendBeacon every few seconds, when the page is hidden and when it is left (fetch with
// keepalive when sendBeacon is missing or refuses). Nothing here throws or makes a tap wait:
// analytics must never cost a sale.
//
// Who: the server's first-party fission_vid cookie (httpOnly, set when a share link is opened or by
// the first beacon) wins; the visitor id kept here in localStorage goes in every batch as well, so
// two beacons in flight before the cookie exists name one visitor and the server stitches the two
// ids together. The session id lives in sessionStorage and is renewed after 30 minutes idle. The
// ?s= share token the shopper arrived with is remembered for the session and sent with each event.

import type { paths } from '../../generated/api.d.ts';

/** The names POST /api/v1/events takes, from its schema (the server's list, never a copy). */
export type ClientEventName = NonNullable<paths['/api/v1/events']['post']['requestBody']>['content']['application/json']['events'][number]['name'];

export interface TrackFields {
  channel?: string;
  campaignId?: string;
  productId?: string;
  orderId?: string;
  /** fen */
  amount?: number;
  props?: Record<string, string | number | boolean | null>;
}

export interface QueuedEvent extends TrackFields {
  id: string;
  name: ClientEventName;
  at: string;
  page?: string;
  referrer?: string;
  shareToken?: string;
}

/** Everything the tracker takes from the browser, so the queue can be tested without one. */
export interface TrackerEnv {
  now(): Date;
  randomId(): string;
  local: Pick<Storage, 'getItem' | 'setItem'> | null;
  session: Pick<Storage, 'getItem' | 'setItem'> | null;
  /** pathname and search of the current page */
  location(): { pathname: string; search: string };
  referrer(): string;
  sendBeacon?: (url: string, data: Blob) => boolean;
  fetch?: (url: string, init: RequestInit) => Promise<unknown>;
}

export const EVENTS_URL = '/api/v1/events';
/** The server takes at most this many events per request. */
export const MAX_BATCH = 100;
/** Past this many unsent events (no network for a long while) the oldest are dropped. */
export const MAX_QUEUE = 1000;
export const FLUSH_INTERVAL_MS = 5000;
export const SESSION_IDLE_MS = 30 * 60_000;

const KEYS = { visitor: 'fission.visitorId', session: 'fission.session', shareToken: 'fission.shareToken' } as const;
const ID_RE = /^[A-Za-z0-9_-]{8,64}$/;
const SHARE_TOKEN_RE = /^[A-Za-z0-9_-]{6,32}$/;
const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const CHANNEL_RE = /^[a-z_]{1,20}$/;
const PROP_KEY_RE = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;
const MAX_AMOUNT = 100_000_000_00;

const read = (store: TrackerEnv['local'], key: string): string | null => {
  try {
    return store?.getItem(key) ?? null;
  } catch {
    return null;
  }
};
const write = (store: TrackerEnv['local'], key: string, value: string) => {
  try {
    store?.setItem(key, value);
  } catch {
    // private mode or a full quota: the id lives for this page only
  }
};

/**
 * The server refuses a whole batch over one bad field, so each field is checked here as the
 * server would and left out when it does not fit: one odd URL must not cost the batch.
 */
export function cleanFields(fields: TrackFields): TrackFields {
  const out: TrackFields = {};
  if (fields.channel && CHANNEL_RE.test(fields.channel)) out.channel = fields.channel;
  if (fields.campaignId && fields.campaignId.length <= 64) out.campaignId = fields.campaignId;
  if (fields.productId && UUID_RE.test(fields.productId)) out.productId = fields.productId;
  if (fields.orderId && UUID_RE.test(fields.orderId)) out.orderId = fields.orderId;
  if (Number.isInteger(fields.amount) && fields.amount! >= 0 && fields.amount! <= MAX_AMOUNT) out.amount = fields.amount;
  if (fields.props) {
    const props = Object.entries(fields.props)
      .filter(([k, v]) => PROP_KEY_RE.test(k) && (typeof v !== 'number' || Number.isFinite(v)))
      .slice(0, 20)
      .map(([k, v]) => [k, typeof v === 'string' ? v.slice(0, 200) : v] as const);
    if (props.length) out.props = Object.fromEntries(props);
  }
  return out;
}

export function createTracker(env: TrackerEnv, url = EVENTS_URL) {
  let queue: QueuedEvent[] = [];
  let memory: { visitorId?: string; session?: string; shareToken?: string } = {};

  function visitorId(): string {
    const kept = read(env.local, KEYS.visitor) ?? memory.visitorId;
    if (kept && ID_RE.test(kept)) return kept;
    const id = env.randomId();
    memory.visitorId = id;
    write(env.local, KEYS.visitor, id);
    return id;
  }

  /** The session id, renewed after SESSION_IDLE_MS without an event; `renewed` when it changed. */
  function touchSession(now: number): { id: string; renewed: boolean } {
    const raw = read(env.session, KEYS.session) ?? memory.session;
    const [id, last] = raw ? raw.split('|') : [];
    const alive = id && ID_RE.test(id) && now - Number(last) < SESSION_IDLE_MS;
    const current = alive ? id : env.randomId();
    const value = `${current}|${now}`;
    memory.session = value;
    write(env.session, KEYS.session, value);
    return { id: current, renewed: !alive && !!raw };
  }

  /** This page's ?s=, else the one the session arrived with. */
  function shareToken(): string | undefined {
    const fromUrl = new URLSearchParams(env.location().search).get('s');
    if (fromUrl && SHARE_TOKEN_RE.test(fromUrl)) {
      memory.shareToken = fromUrl;
      write(env.session, KEYS.shareToken, fromUrl);
      return fromUrl;
    }
    const kept = read(env.session, KEYS.shareToken) ?? memory.shareToken;
    return kept && SHARE_TOKEN_RE.test(kept) ? kept : undefined;
  }

  let sessionId = '';

  function send(batch: QueuedEvent[]) {
    const json = JSON.stringify({ visitorId: visitorId(), sessionId, events: batch });
    let sent = false;
    try {
      sent = env.sendBeacon ? env.sendBeacon(url, new Blob([json], { type: 'application/json' })) : false;
    } catch {
      sent = false;
    }
    if (sent || !env.fetch) return;
    try {
      // Resending is safe (the server records an event id once): back in the queue on a network
      // failure, but not on an answer, which would only repeat.
      env.fetch(url, { method: 'POST', body: json, keepalive: true, credentials: 'same-origin', headers: { 'content-type': 'application/json' } })
        .catch(() => { queue = [...batch, ...queue].slice(-MAX_QUEUE); });
    } catch {
      // no fetch after all: these events are lost, the page is not
    }
  }

  /** Sends everything queued, in batches of at most MAX_BATCH. */
  function flush() {
    while (queue.length) send(queue.splice(0, MAX_BATCH));
  }

  function track(name: ClientEventName, fields: TrackFields = {}) {
    const at = env.now();
    const session = touchSession(at.getTime());
    // A batch carries one session id: what the old session queued leaves under it first.
    if (session.renewed || (sessionId && sessionId !== session.id)) flush();
    sessionId = session.id;
    const { pathname } = env.location();
    const referrer = env.referrer();
    const token = shareToken();
    queue.push({
      id: env.randomId(),
      name,
      at: at.toISOString(),
      page: pathname.slice(0, 512),
      ...(referrer ? { referrer: referrer.slice(0, 1024) } : {}),
      ...(token ? { shareToken: token } : {}),
      ...cleanFields(fields),
    });
    if (queue.length > MAX_QUEUE) queue = queue.slice(-MAX_QUEUE);
  }

  return { track, flush, queued: () => queue.length };
}

export type Tracker = ReturnType<typeof createTracker>;

const randomId = () =>
  typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 12)}`;

const storage = (which: 'localStorage' | 'sessionStorage') => {
  try {
    return window[which];
  } catch {
    return null;
  }
};

// One tracker per page, like the query client: made on the first event, with its timer and its
// page-hide listeners.
let pageTracker: Tracker | null = null;

function browserTracker(): Tracker {
  if (pageTracker) return pageTracker;
  const tracker = createTracker({
    now: () => new Date(),
    randomId,
    local: storage('localStorage'),
    session: storage('sessionStorage'),
    location: () => window.location,
    referrer: () => document.referrer,
    sendBeacon: typeof navigator.sendBeacon === 'function' ? (u, data) => navigator.sendBeacon(u, data) : undefined,
    fetch: typeof fetch === 'function' ? (u, init) => fetch(u, init) : undefined,
  });
  window.setInterval(tracker.flush, FLUSH_INTERVAL_MS);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') tracker.flush();
  });
  window.addEventListener('pagehide', tracker.flush);
  pageTracker = tracker;
  return tracker;
}

/** Records a storefront event; returns at once and never throws. */
export function track(name: ClientEventName, fields?: TrackFields): void {
  try {
    if (typeof window === 'undefined') return;
    browserTracker().track(name, fields);
  } catch {
    // analytics must never break the page
  }
}
