import { defaultLocale, formatMessages, isLocale, type Locale, type MessageKey, type Translate } from '@dilna/shared/i18n/format';

const STORAGE_KEY = 'dilna.locale';

/** What a page needs: the join page and a participant's phone only their own messages, the other pages all. */
export type MessageSet = 'phone' | 'all';

/** Each catalogue is fetched when first needed: a phone downloads its own messages in one language. */
const catalogs: Record<Locale, Record<MessageSet, () => Promise<Translate>>> = {
  cs: {
    phone: () => import('@dilna/shared/i18n/phone.cs').then(({ phoneCs }) => formatMessages('cs', phoneCs)),
    all: () => import('@dilna/shared/i18n/cs').then(({ cs }) => formatMessages('cs', cs)),
  },
  en: {
    phone: () => import('@dilna/shared/i18n/phone.en').then(({ phoneEn }) => formatMessages('en', phoneEn)),
    all: () => import('@dilna/shared/i18n/en').then(({ en }) => formatMessages('en', en)),
  },
};

/** The user's language: Czech first, English on request; remembered in this browser. */
class I18n {
  #locale = $state<Locale>(defaultLocale);
  #translate = $state.raw<Translate | null>(null);
  /** Once a page needed all messages, every page gets them (they include the phone's). */
  #set: MessageSet = 'phone';
  readonly #loaded = new Map<string, Promise<Translate>>();

  constructor() {
    const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) this.#locale = stored;
    this.#applyToDocument();
  }

  /** Settles once the messages a page needs are here, in the language to show. */
  async need(set: MessageSet): Promise<void> {
    if (set === 'all') this.#set = 'all';
    const locale = this.#locale;
    const translate = await this.#load(locale, this.#set);
    if (locale === this.#locale) this.#translate = translate;
  }

  get locale(): Locale {
    return this.#locale;
  }

  async switchTo(locale: Locale): Promise<void> {
    const translate = await this.#load(locale, this.#set);
    this.#locale = locale;
    this.#translate = translate;
    localStorage.setItem(STORAGE_KEY, locale);
    this.#applyToDocument();
  }

  /** Before the catalogue is here (nothing renders then: the root layout and the phone app wait for `need`), the key. */
  t = (key: MessageKey, values?: Record<string, string | number>): string => this.#translate?.(key, values) ?? key;

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

  #load(locale: Locale, set: MessageSet): Promise<Translate> {
    let loading = this.#loaded.get(`${locale} ${set}`);
    if (!loading) {
      loading = catalogs[locale][set]();
      this.#loaded.set(`${locale} ${set}`, loading);
    }
    return loading;
  }

  #applyToDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
  }
}

export const i18n = new I18n();
