import { describe, expect, it } from 'vitest';

import type { SignatureRequestView, StepView } from '../generated/bindings';
import { documentProgress, lastCodeSentAt, resendWaitLeft, stageOf, unfinished } from './flow';

const step = (name: StepView['step'], state: StepView['state'], finishedAt: string | null = null): StepView => ({
  step: name,
  state,
  attempts: 1,
  errorCode: null,
  errorDetails: null,
  startedAt: null,
  finishedAt,
});

function view(overrides: Partial<SignatureRequestView> = {}): SignatureRequestView {
  return {
    id: 'r1',
    kind: 'classic_otp',
    phase: 'awaiting_officer',
    officerTask: null,
    officer: '1125824',
    signer: {
      givenName: 'Lucía',
      surname1: 'Pérez',
      surname2: null,
      idDocumentType: 'IDC',
      idDocumentCountry: 'ES',
      serialNumber: '00000023T',
      email: 'l@example.org',
      mobilePhoneNumber: '+34600111222',
      communicationLanguage: null,
    },
    optimizerPk: 7,
    videoidLink: null,
    serverStatus: null,
    backupFolder: '/b',
    steps: [],
    documents: ['a.pdf', 'b.pdf'].map((fileName, position) => ({
      position,
      fileName,
      sourcePath: `/in/${fileName}`,
      sourceSha256: '',
      serverUid: null,
      signedPath: null,
      signedSha256: null,
      verification: null,
    })),
    createdAt: '',
    updatedAt: '',
    ...overrides,
  };
}

describe('stageOf', () => {
  it('follows the officer task, then the phase', () => {
    expect(stageOf(view({ officerTask: { task: 'showContract', contract: '/c.pdf' } }))).toBe('review');
    expect(stageOf(view({ officerTask: { task: 'enterCode', external: false, lastError: null } }))).toBe('code');
    expect(
      stageOf(view({ phase: 'failed', officerTask: { task: 'retry', step: 'sign', errorCode: null, errorDetails: null } })),
    ).toBe('failed');
    expect(stageOf(view({ phase: 'running' }))).toBe('signing');
    expect(stageOf(view({ phase: 'completed' }))).toBe('result');
    expect(stageOf(view({ phase: 'cancelled' }))).toBe('closed');
  });
});

describe('the resend countdown', () => {
  it('counts from the newest code sent', () => {
    const sent = lastCodeSentAt(
      view({
        steps: [
          step('send_otp', 'done', '2025-03-07T10:00:00Z'),
          step('send_otp', 'done', '2025-03-07T10:05:00Z'),
          step('send_otp', 'failed', '2025-03-07T10:09:00Z'),
        ],
      }),
    );
    expect(sent?.toISOString()).toBe('2025-03-07T10:05:00.000Z');
    expect(resendWaitLeft(sent, new Date('2025-03-07T10:05:10Z'))).toBe(20);
    expect(resendWaitLeft(sent, new Date('2025-03-07T10:06:00Z'))).toBe(0);
    expect(resendWaitLeft(null, new Date())).toBe(0);
  });
});

describe('documentProgress', () => {
  it('marks documents signed, saved one by one, then verified', () => {
    const signing = view({ steps: [step('sign', 'in_flight')] });
    expect(documentProgress(signing, null)).toEqual(['waiting', 'waiting']);
    expect(documentProgress(signing, { stage: 'signed' })).toEqual(['signed', 'signed']);
    expect(documentProgress(signing, { stage: 'fetched', done: 1, total: 2 })).toEqual(['saved', 'signed']);
    expect(documentProgress(signing, { stage: 'verified' })).toEqual(['verified', 'verified']);
  });
});

describe('unfinished', () => {
  it('keeps open requests of the Sign screen only', () => {
    const summary = (id: string, kind: SignatureRequestView['kind'], phase: SignatureRequestView['phase']) => ({
      id,
      kind,
      phase,
      signer: 'x',
      optimizerPk: null,
      serverStatus: null,
      createdAt: '',
      updatedAt: '',
    });
    expect(
      unfinished([
        summary('a', 'classic_otp', 'awaiting_officer'),
        summary('b', 'classic_otp', 'completed'),
        summary('c', 'video_id_eidas', 'awaiting_officer'),
        summary('d', 'asynchronous', 'waiting_for_optimizer'),
      ]).map((request) => request.id),
    ).toEqual(['a', 'd']);
  });

  it('takes a Video ID request once its identification is approved, on the Sign screen only', () => {
    const videoId = (id: string, serverStatus: string | null) => ({
      id,
      kind: 'video_id_external' as const,
      phase: 'awaiting_officer' as const,
      signer: 'x',
      optimizerPk: 7,
      serverStatus,
      createdAt: '',
      updatedAt: '',
    });
    const requests = [videoId('a', 'VIDEOREVIEW'), videoId('b', 'ENROLLREADY'), videoId('c', null)];
    expect(unfinished(requests).map((request) => request.id)).toEqual(['b']);
    expect(unfinished(requests, 'hash')).toEqual([]);
  });
});
