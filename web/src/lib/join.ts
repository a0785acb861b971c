import type { ServerInfo } from '@dilna/shared';
import { api } from './api.ts';

const isLoopback = (host: string) => host === 'localhost' || host.startsWith('127.') || host === '[::1]';

/**
 * Where phones in the room should go: this page's own address, unless it is the laptop's
 * loopback, in which case the server's LAN address.
 */
export async function joinBaseUrl(): Promise<string> {
  if (!isLoopback(location.hostname)) return location.origin;
  const info = await api<ServerInfo>('GET', '/info');
  return info.joinBaseUrls[0] ?? location.origin;
}

export const joinUrl = (base: string, code: string) => `${base}/join?code=${code}`;

/** The code as people read it aloud: 123 456. */
export const spacedCode = (code: string) => `${code.slice(0, 3)} ${code.slice(3)}`;
