import { describe, expect, it } from 'vitest';

import type { AdminSettings } from '../generated/bindings';
import { changes, draftOf, isEmpty } from './settings-form';

const saved: AdminSettings = {
  tsaUrl: 'internal:sandbox-tsa',
  defaultProfile: 'PFnubeQAFCiudadano',
  defaultRa: '1000',
  billingUsername: 'billing@sandbox.oneshot.test',
  billingPasswordOnOptimizer: true,
  billingPasswordInVault: false,
  environment: 'sandbox',
};

describe('settings form', () => {
  it('sends nothing when nothing changed', () => {
    const draft = draftOf(saved);
    expect(draft.billingPassword).toBe('');
    expect(isEmpty(changes(saved, draft))).toBe(true);
    expect(isEmpty(changes(saved, { ...draft, defaultRa: ' 1000 ' }))).toBe(true);
  });

  it('sends only the changed fields, trimmed', () => {
    const update = changes(saved, {
      ...draftOf(saved),
      defaultRa: ' 2000',
      environment: 'prod',
      billingPassword: 'pw with spaces ',
    });
    expect(update).toEqual({
      defaultRa: '2000',
      environment: 'prod',
      billingPassword: 'pw with spaces ',
    });
  });

  it('starts empty fields for settings the Optimizer does not have', () => {
    const draft = draftOf({ ...saved, tsaUrl: null, environment: null });
    expect(draft.tsaUrl).toBe('');
    expect(draft.environment).toBe('');
    expect(changes({ ...saved, tsaUrl: null, environment: null }, draft)).toEqual({});
  });

  it('clears a field the officer emptied', () => {
    expect(changes(saved, { ...draftOf(saved), tsaUrl: '  ' })).toEqual({ tsaUrl: '' });
  });
});
