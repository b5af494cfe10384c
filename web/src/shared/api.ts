// The only way the web apps talk to the server: openapi-fetch typed by the types generated from
// /openapi.json. `call()` turns the API's error shape into an ApiError the UI can translate.
import createClient from 'openapi-fetch';
import type { paths } from '../../generated/api';

export type { paths };
export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Awaits an openapi-fetch call and returns its data, or throws ApiError with the server's code. */
export async function call<T>(request: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await request;
  } catch (err) {
    throw new ApiError(0, 'NETWORK', err instanceof Error ? err.message : 'Network error');
  }
  if (result.response.ok) return result.data as T;
  const body = result.error as { error?: { code?: string; message?: string; details?: Record<string, unknown> } } | undefined;
  throw new ApiError(result.response.status, body?.error?.code ?? `HTTP_${result.response.status}`, body?.error?.message ?? result.response.statusText, body?.error?.details);
}

/** A fresh key per user intent (one click of "pay"), reused if that same intent is retried. */
export const idempotencyKey = () => crypto.randomUUID();

export const isApiError = (err: unknown, code?: string): err is ApiError => err instanceof ApiError && (code === undefined || err.code === code);
