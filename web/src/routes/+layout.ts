// A client-only SPA: the server serves index.html for every page.
export const ssr = false;
export const prerender = false;
