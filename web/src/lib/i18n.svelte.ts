import { defaultLocale, formatMessages, isLocale, type Locale, type MessageKey, type Translate } from '@dilna/shared/i18n/format';

const STORAGE_KEY = 'dilna.locale';

/** Each catalogue is fetched when its language is first shown: a phone downloads one language, not both. */
const catalogs: Record<Locale, () => Promise<Translate>> = {
  cs: () => import('@dilna/shared/i18n/cs').then(({ cs }) => formatMessages('cs', cs)),
  en: () => import('@dilna/shared/i18n/en').then(({ en }) => formatMessages('en', en)),
};

/** The user's language: Czech first, English on request; remembered in this browser. */
class I18n {
  #locale = $state<Locale>(defaultLocale);
  #translate = $state.raw<Translate | null>(null);
  readonly #loaded = new Map<Locale, Promise<Translate>>();
  /** Settles once the messages of the language to show are here; the root layout waits for it. */
  readonly ready: Promise<void>;

  constructor() {
    const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
    if (isLocale(stored)) this.#locale = stored;
    this.#applyToDocument();
    this.ready = this.#load(this.#locale).then((translate) => {
      this.#translate = translate;
    });
  }

  get locale(): Locale {
    return this.#locale;
  }

  async switchTo(locale: Locale): Promise<void> {
    const translate = await this.#load(locale);
    this.#locale = locale;
    this.#translate = translate;
    localStorage.setItem(STORAGE_KEY, locale);
    this.#applyToDocument();
  }

  /** Before the catalogue is here (nothing renders then: the root layout waits for `ready`), the key. */
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

  #load(locale: Locale): Promise<Translate> {
    let loading = this.#loaded.get(locale);
    if (!loading) {
      loading = catalogs[locale]();
      this.#loaded.set(locale, loading);
    }
    return loading;
  }

  #applyToDocument(): void {
    if (typeof document !== 'undefined') document.documentElement.lang = this.#locale;
  }
}

export const i18n = new I18n();
