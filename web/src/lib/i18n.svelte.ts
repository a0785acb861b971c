import { defaultLocale, isLocale, translator, type Locale, type MessageKey } from '@dilna/shared/i18n/index';

const STORAGE_KEY = 'dilna.locale';

/** The user's language: Czech first, English on request; remembered in this browser. */
class I18n {
  #locale = $state<Locale>(defaultLocale);

  constructor() {
    const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) this.#locale = stored;
    this.#applyToDocument();
  }

  get locale(): Locale {
    return this.#locale;
  }

  switchTo(locale: Locale): void {
    this.#locale = locale;
    localStorage.setItem(STORAGE_KEY, locale);
    this.#applyToDocument();
  }

  t = (key: MessageKey, values?: Record<string, string | number>): string => translator(this.#locale)(key, values);

  formatDateTime(localIso: string): string {
    const date = new Date(localIso);
    if (Number.isNaN(date.getTime())) return localIso;
    return new Intl.DateTimeFormat(this.#locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
  }

  /** A day (`YYYY-MM-DD`, or the day of a local date and time); anything else as it was written. */
  formatDate(localIso: string): string {
    const date = new Date(`${localIso.slice(0, 10)}T00:00`);
    if (!/^\d{4}-\d{2}-\d{2}/.test(localIso) || Number.isNaN(date.getTime())) return localIso;
    return new Intl.DateTimeFormat(this.#locale, { dateStyle: 'long' }).format(date);
  }

  #applyToDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
  }
}

export const i18n = new I18n();
