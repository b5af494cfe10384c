// Who a browser or app is before (and after) it signs in: a first-party visitor cookie set when a
// share link is opened, or a device id sent by an app in the x-device-id header.
import type { FastifyRequest } from 'fastify';

export const VISITOR_COOKIE = 'fission_vid';
const ID_RE = /^[A-Za-z0-9_-]{8,64}$/;

export function visitorIdOf(req: FastifyRequest): string | null {
  const cookie = req.cookies?.[VISITOR_COOKIE];
  if (cookie && ID_RE.test(cookie)) return cookie;
  return deviceIdOf(req);
}

export function deviceIdOf(req: FastifyRequest): string | null {
  const header = req.headers['x-device-id'];
  const value = Array.isArray(header) ? header[0] : header;
  return value && ID_RE.test(value) ? value : null;
}
