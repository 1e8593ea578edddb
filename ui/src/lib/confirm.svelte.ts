import type { MessageKey, MessageParams } from './i18n/catalogs';

/** What the officer is asked before a destructive or weighty action. */
export interface ConfirmRequest {
  readonly title: MessageKey;
  readonly body: MessageKey;
  readonly accept: MessageKey;
  readonly params?: MessageParams;
}

interface Pending extends ConfirmRequest {
  readonly resolve: (accepted: boolean) => void;
}

/** The one confirmation dialog of the shell: `ask` opens it and resolves with the answer. */
export class Confirmation {
  pending: Pending | null = $state(null);

  /** Asks; a question still open is answered "no" first, so no caller waits forever. */
  ask(request: ConfirmRequest): Promise<boolean> {
    this.answer(false);
    return new Promise((resolve) => {
      this.pending = { ...request, resolve };
    });
  }

  answer(accepted: boolean): void {
    const pending = this.pending;
    this.pending = null;
    pending?.resolve(accepted);
  }
}

export const confirmation = new Confirmation();
