import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, IntentAck, MineState, PhoneState, ServerToClientEvents } from '@dilna/shared';
import { randomId } from '@dilna/shared/ids';
import { SOCKET_PATH } from '@dilna/shared/protocol/constants';

const ACK_TIMEOUT_MS = 4000;
const MAX_ATTEMPTS = 30;

/**
 * A phone's channel to its meeting: the coalesced state arrives from the server; intents go
 * out with an operation id and are retried with the same id until acknowledged, so an answer
 * sent during a Wi-Fi drop lands exactly once.
 */
export class PhoneChannel {
  #state = $state<PhoneState | null>(null);
  #mine = $state<MineState | null>(null);
  #connected = $state(false);
  #notJoined = $state(false);
  /** Server clock minus this phone's clock, learnt from each state the server sends. */
  #clockOffset = 0;
  readonly #socket: Socket<ServerToClientEvents, ClientToServerEvents>;

  constructor(meetingId: string) {
    // A WebSocket first saves the long-polling handshake's round trips on a slow connection (0.6 s at
    // 400 ms latency); where none gets through (some hotspots and proxies), long polling takes over.
    this.#socket = io({ path: SOCKET_PATH, auth: { meetingId }, withCredentials: true, transports: ['websocket', 'polling'], tryAllTransports: true });
    this.#socket.on('state', (state) => {
      this.#clockOffset = state.now - Date.now();
      this.#state = state;
    });
    this.#socket.on('mine', (mine) => {
      this.#mine = mine;
    });
    this.#socket.on('connect', () => {
      this.#connected = true;
    });
    this.#socket.on('disconnect', () => {
      this.#connected = false;
    });
    this.#socket.on('connect_error', (err) => {
      this.#connected = false;
      if (err.message === 'not_joined') {
        this.#notJoined = true;
        this.#socket.disconnect();
      }
    });
  }

  get state(): PhoneState | null {
    return this.#state;
  }

  /** This participant's own part of the live board, once the server has sent it. */
  mineFor(boardId: string): unknown {
    return this.#mine?.boardId === boardId ? this.#mine.mine : null;
  }

  /** The server's clock now (ms since the epoch). */
  serverNow = (): number => Date.now() + this.#clockOffset;

  get connected(): boolean {
    return this.#connected;
  }

  /** The server does not know this phone in this meeting: it must join with the code again. */
  get notJoined(): boolean {
    return this.#notJoined;
  }

  async send(boardId: string, intent: unknown): Promise<IntentAck> {
    const envelope = { opId: randomId(), boardId, intent };
    for (let attempt = 0; attempt < MAX_ATTEMPTS && !this.#notJoined; attempt++) {
      if (!this.#socket.connected) await new Promise((resolve) => this.#socket.once('connect', () => resolve(null)));
      try {
        return await this.#socket.timeout(ACK_TIMEOUT_MS).emitWithAck('intent', envelope);
      } catch {
        // No acknowledgement yet (offline or slow): the same operation id makes the retry land once.
      }
    }
    return this.#notJoined
      ? { ok: false, error: { code: 'not_joined', message: 'not joined' } }
      : { ok: false, error: { code: 'server_error', message: 'no connection' } };
  }

  destroy(): void {
    this.#socket.disconnect();
  }
}
