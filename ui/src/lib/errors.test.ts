import { describe, expect, it } from 'vitest';

import { StationError, messageKeyFor, toAppError } from './errors';
import { translate } from './i18n/catalogs';

describe('toAppError', () => {
  it('keeps a backend error as it is', () => {
    const raw = { code: 'signin.unknown_token', message: 'unknown', details: null };
    expect(toAppError(raw)).toEqual(raw);
  });

  it('accepts a backend error without details', () => {
    expect(toAppError({ code: 'optimizer.timeout', message: 'slow' })).toEqual({
      code: 'optimizer.timeout',
      message: 'slow',
    });
  });

  it('turns anything else into ui.unexpected with its text', () => {
    expect(toAppError('command not found')).toEqual({
      code: 'ui.unexpected',
      message: 'command not found',
      details: null,
    });
    expect(toAppError(new TypeError('boom')).code).toBe('ui.unexpected');
    expect(toAppError({ code: 42, message: 'x' }).code).toBe('ui.unexpected');
    expect(toAppError({ code: '', message: 'x' }).code).toBe('ui.unexpected');
  });

  it('unwraps a StationError', () => {
    const error = new StationError({ code: 'store.corrupt', message: 'bad row', details: 'x' });
    expect(toAppError(error)).toEqual({ code: 'store.corrupt', message: 'bad row', details: 'x' });
  });
});

describe('messageKeyFor', () => {
  it('maps a known code to its localized message', () => {
    expect(messageKeyFor('optimizer.unreachable')).toBe('error.optimizer.unreachable');
    expect(translate('es', messageKeyFor('signin.invalid_credentials'))).toBe(
      'El Optimizer rechazó este usuario, contraseña o PIN.',
    );
  });

  it('maps an unknown code to the generic message', () => {
    expect(messageKeyFor('future.thing')).toBe('error.unknown');
    expect(messageKeyFor('heading')).toBe('error.unknown');
  });
});
