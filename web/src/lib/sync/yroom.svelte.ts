import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { YJS_PATH } from '@dilna/shared';

export type ConnectionStatus = 'connecting' | 'connected' | 'disconnected';

/**
 * One Yjs room over the standard y-websocket protocol. The provider reconnects by itself;
 * `synced` turns true once the server's state has arrived.
 */
export class YRoom {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  #status = $state<ConnectionStatus>('connecting');
  #synced = $state(false);

  constructor(room: string, key: string) {
    const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
    this.provider = new WebsocketProvider(`${protocol}//${location.host}${YJS_PATH}`, room, this.doc, {
      params: { key },
      maxBackoffTime: 2500,
      // Every update goes through the server, which enforces read-only screens; tabs of one browser must not bypass it.
      disableBc: true,
    });
    this.provider.on('status', ({ status }: { status: ConnectionStatus }) => {
      this.#status = status;
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
