import type { ErrorReply } from '@dilna/shared';
import { CSRF_HEADER } from '@dilna/shared/protocol/constants';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;

/** The logged-in session's token, which every change made through the session carries. */
export function useCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Calls the JSON API; a meeting's secret-link key goes in a header, never in the URL. */
export async function api<T>(method: string, path: string, options: { body?: unknown; key?: string | null } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.key) headers['x-dilna-key'] = options.key;
  // Also beside a key: some changes made with a key need the login too (a board that works on a plan).
  if (csrfToken && method !== 'GET') headers[CSRF_HEADER] = csrfToken;
  const response = await fetch(`/api${path}`, {
    method,
    headers,
    credentials: 'same-origin',
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  if (response.status === 204) return undefined as T;
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (data as ErrorReply | null)?.error;
    throw new ApiError(response.status, error?.code ?? 'internal', error?.message ?? response.statusText, error?.field);
  }
  return data as T;
}

/** Fetches a file the API returns (the key goes in a header, so this is a fetch, not a link). */
export async function fetchFile(path: string, key: string): Promise<Response> {
  const response = await fetch(`/api${path}`, { headers: { 'x-dilna-key': key } });
  if (!response.ok) throw new ApiError(response.status, 'internal', response.statusText);
  return response;
}

/** Saves a file the API returns. */
export async function downloadFile(path: string, key: string, fallbackName: string): Promise<void> {
  const response = await fetchFile(path, key);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await response.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
