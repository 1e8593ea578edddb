import type { AppError } from './generated/bindings';
import { isMessageKey, type MessageKey } from './i18n/catalogs';

/** An error the backend (or the UI itself) reported, with its stable code. */
export class StationError extends Error {
  readonly code: string;
  readonly details: string | null;

  constructor(error: AppError) {
    super(error.message);
    this.name = 'StationError';
    this.code = error.code;
    this.details = error.details;
  }
}

/** What a rejected `invoke` carries, made into an {@link AppError}. */
export function toAppError(raw: unknown): AppError {
  if (raw instanceof StationError) {
    return { code: raw.code, message: raw.message, details: raw.details };
  }
  if (isAppError(raw)) return raw;
  const message = raw instanceof Error ? raw.message : String(raw);
  return { code: 'ui.unexpected', message, details: null };
}

function isAppError(raw: unknown): raw is AppError {
  if (typeof raw !== 'object' || raw === null) return false;
  const candidate = raw as Record<string, unknown>;
  return (
    typeof candidate.code === 'string' &&
    candidate.code.length > 0 &&
    typeof candidate.message === 'string' &&
    (candidate.details === null ||
      candidate.details === undefined ||
      typeof candidate.details === 'string')
  );
}

/** The catalog key of the localized message for an error code. */
export function messageKeyFor(code: string): MessageKey {
  const key = `error.${code}`;
  return isMessageKey(key) ? key : 'error.unknown';
}
