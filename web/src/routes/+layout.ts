import { i18n } from '$lib/i18n.svelte.ts';

// A client-only SPA: the server serves index.html for every page.
export const ssr = false;
export const prerender = false;

/** Nothing renders before the messages of the user's language are here. */
export const load = async (): Promise<void> => {
  await i18n.ready;
};
