/**
 * A random identifier that also works in browsers outside a secure context (a facilitator's laptop
 * reached over plain http on the LAN has no crypto.randomUUID, but has getRandomValues).
 */
export function randomId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
