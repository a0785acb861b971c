import { replaceState } from '$app/navigation';

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

/** The key a meeting's console or minutes page opens with: from the address (remembered), or remembered earlier. */
export function consoleKey(meetingId: string): string | null {
  const fromHash = takeKeyFromHash();
  if (fromHash) rememberKey(meetingId, fromHash);
  return fromHash ?? knownKey(meetingId);
}

/** A link that opens a meeting view with a key, at an address other devices can reach. */
export function keyLink(base: string, path: string, key: string): string {
  return `${base}${path}#key=${encodeURIComponent(key)}`;
}
