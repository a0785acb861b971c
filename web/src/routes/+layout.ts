import { i18n } from '$lib/i18n.svelte.ts';
import type { LayoutLoad } from './$types';

// A client-only SPA: the server serves index.html for every page.
export const ssr = false;
export const prerender = false;

/** The pages a participant's phone opens: they load only the phone's messages. */
const PHONE_ROUTES = new Set(['/(phone)/join', '/(phone)/p/[meetingId]']);

/** Nothing renders before the messages the page needs are here, in the user's language. */
export const load: LayoutLoad = async ({ route }) => {
  await i18n.need(route.id !== null && PHONE_ROUTES.has(route.id) ? 'phone' : 'all');
};
