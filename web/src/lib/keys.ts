import type { MeetingDetail } from '@dilna/shared';
import { replaceState } from '$app/navigation';
import { api } from './api.ts';

/**
 * Secret-link keys this browser has been given, per meeting. A key arrives in the URL
 * fragment (#key=…, never sent to the server in a request line) and is remembered here.
 */
/**
 * The console and the projector of one meeting are often open in one browser, each with its own key;
 * a table host's tablet keeps its table's key (remembered per board and table instead of per meeting).
 */
export type KeyPurpose = 'console' | 'screen' | 'table';

const storageKey = (meetingId: string, purpose: KeyPurpose) => `dilna.key.${purpose}.${meetingId}`;

export function rememberKey(meetingId: string, key: string, purpose: KeyPurpose = 'console'): void {
  localStorage.setItem(storageKey(meetingId, purpose), key);
}

export function knownKey(meetingId: string, purpose: KeyPurpose = 'console'): string | null {
  return localStorage.getItem(storageKey(meetingId, purpose));
}

/** Takes `#key=…` off the address bar (so it does not show on a shared screen) and returns it. */
export function takeKeyFromHash(): string | null {
  const params = new URLSearchParams(location.hash.slice(1));
  const key = params.get('key');
  // The router is not ready while the first page mounts, so the address is cleaned a moment later.
  if (key) setTimeout(() => replaceState(location.pathname + location.search, {}), 0);
  return key;
}

/**
 * The key a meeting's console or minutes page opens with: from the address (remembered), remembered
 * earlier, or given by the server to a facilitator of the meeting's group who is logged in here.
 */
export async function consoleKey(meetingId: string): Promise<string | null> {
  const fromHash = takeKeyFromHash();
  if (fromHash) rememberKey(meetingId, fromHash);
  const known = fromHash ?? knownKey(meetingId);
  if (known) return known;
  const fromAccount = await api<MeetingDetail>('GET', `/meetings/${meetingId}`).then(
    (meeting) => meeting.keys.facilitator ?? null,
    () => null,
  );
  if (fromAccount) rememberKey(meetingId, fromAccount);
  return fromAccount;
}

/** A link that opens a meeting view with a key, at an address other devices can reach. */
export function keyLink(base: string, path: string, key: string): string {
  return `${base}${path}#key=${encodeURIComponent(key)}`;
}

/**
 * Opens a meeting's view once its key is known (see `consoleKey`), or says there is none;
 * returns the clean-up for `onMount`, which also holds when the page is left before the key came.
 */
export function openWithConsoleKey(meetingId: string, open: (key: string) => { destroy(): void }, noKey: () => void): () => void {
  let opened: { destroy(): void } | null = null;
  let left = false;
  void consoleKey(meetingId).then((key) => {
    if (left) return;
    if (key) opened = open(key);
    else noKey();
  });
  return () => {
    left = true;
    opened?.destroy();
  };
}
