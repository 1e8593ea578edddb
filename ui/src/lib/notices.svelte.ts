import type { AppError } from './generated/bindings';
import { toAppError } from './errors';

/** The one error the shell shows in its error banner; a new error replaces the last. */
class Notices {
  error: AppError | null = $state(null);

  showError(raw: unknown): void {
    this.error = toAppError(raw);
  }

  clear(): void {
    this.error = null;
  }
}

export const notices = new Notices();
