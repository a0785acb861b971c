import type { IntentAck } from '@dilna/shared';

/** One thing a phone sends at a time: whether it is on its way, and what the server answered. */
export class Sender {
  sending = $state(false);
  result = $state<IntentAck | null>(null);

  /** Sends through `deliver` (the phone's `send`, which retries with one operation id) and keeps the answer. */
  async send(deliver: () => Promise<IntentAck>): Promise<IntentAck> {
    this.sending = true;
    this.result = null;
    try {
      this.result = await deliver();
      return this.result;
    } finally {
      this.sending = false;
    }
  }
}
