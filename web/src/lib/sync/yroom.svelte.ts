import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { YJS_PATH } from '@dilna/shared';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/** Failed attempts, none of them ever connected, after which a page says it cannot reach the room. */
const ATTEMPTS_BEFORE_UNREACHABLE = 3;

/**
 * One Yjs room over the standard y-websocket protocol. The provider reconnects by itself;
 * `synced` turns true once the server's state has arrived. A browser is not told why a WebSocket
 * was refused, so a wrong or outdated key and an unreachable server look alike: `unreachable`
 * says that several attempts failed without ever connecting, and the provider keeps trying.
 * Without a key (a plan's room) the logged-in session's cookie, which the browser sends along, authorizes.
 */
export class YRoom {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  #status = $state<ConnectionStatus>('connecting');
  #synced = $state(false);
  #failedAttempts = $state(0);
  #everConnected = false;

  constructor(room: string, key: string | null) {
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.provider = new WebsocketProvider(`${protocol}//${location.host}${YJS_PATH}`, room, this.doc, {
      params: key ? { key } : {},
      maxBackoffTime: 2500,
      // Every update goes through the server, which enforces read-only screens; tabs of one browser must not bypass it.
      disableBc: true,
    });
    this.provider.on('status', ({ status }: { status: ConnectionStatus }) => {
      this.#status = status;
      if (status === 'connected') this.#everConnected = true;
    });
    this.provider.on('connection-close', () => {
      if (!this.#everConnected) this.#failedAttempts += 1;
    });
    this.provider.on('sync', (synced: boolean) => {
      this.#synced = synced;
    });
  }

  get status(): ConnectionStatus {
    return this.#status;
  }

  get synced(): boolean {
    return this.#synced;
  }

  get unreachable(): boolean {
    return !this.#everConnected && this.#failedAttempts >= ATTEMPTS_BEFORE_UNREACHABLE;
  }

  destroy(): void {
    this.provider.destroy();
    this.doc.destroy();
  }
}

/**
 * A plain JSON view of a Y.Doc that re-renders on every change. `read` turns the doc into
 * the value (for a board kind: its `view`).
 */
export class YView<T> {
  #value = $state<T>() as T;
  readonly #doc: Y.Doc;
  readonly #read: (doc: Y.Doc) => T;
  readonly #onUpdate = () => {
    this.#value = this.#read(this.#doc);
  };

  constructor(doc: Y.Doc, read: (doc: Y.Doc) => T) {
    this.#doc = doc;
    this.#read = read;
    this.#value = read(doc);
    doc.on('update', this.#onUpdate);
  }

  get value(): T {
    return this.#value;
  }

  destroy(): void {
    this.#doc.off('update', this.#onUpdate);
  }
}
