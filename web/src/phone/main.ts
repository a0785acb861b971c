/**
 * The participant's phone as its own small app: the join page and the meeting page without the
 * SvelteKit client, its router and its lists of files to preload, so that a phone on a poor
 * connection votes sooner. The server sends phone.html for /join and /p/<meetingId>.
 */
import { mount } from 'svelte';
import '../app.css';
import { i18n } from '$lib/i18n.svelte.ts';
import PhoneApp from './PhoneApp.svelte';

// Nothing renders before the messages are here, in the phone's language.
void i18n.need('phone').then(() => mount(PhoneApp, { target: document.body }));
