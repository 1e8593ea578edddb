import { describe, expect, it } from 'vitest';

import type { PreparedIdImage } from '../generated/bindings';
import { DEFAULT_CHOICES, EMPTY_SIGNER, fileName, missingBeforeStart, moved, toDraft } from './draft';

const picture = (path: string): PreparedIdImage => ({
  path,
  source: '/chosen/x.jpg',
  sourceName: 'x.jpg',
  captured: false,
  edit: { quarterTurns: 0, crop: null },
  report: {
    width: 1,
    height: 1,
    byteSize: 1,
    sourceWidth: 1,
    sourceHeight: 1,
    hints: [],
    measurements: { sharpness: 1, meanLuminance: 1, darkShare: 0, clippedShare: 0 },
  },
  preview: '',
});

describe('toDraft', () => {
  it('makes W1, W2 or W4 from the choices, with blanks as none', () => {
    const images = { documentFront: picture('/f.jpg'), documentRear: picture('/r.jpg'), documentOwner: picture('/o.jpg') };
    const documents = [{ path: '/a.pdf', name: 'a.pdf', summary: { digest: '', byteSize: 1, pages: [] } }];
    const w1 = toDraft({ ...EMPTY_SIGNER, surname2: '  ' }, images, documents, DEFAULT_CHOICES);
    expect(w1.kind).toBe('classic_otp');
    expect(w1.signer.surname2).toBeNull();
    expect(w1.signer.communicationLanguage).toBeNull();
    expect(w1.idImages).toEqual({ documentFront: '/f.jpg', documentRear: '/r.jpg', documentOwner: '/o.jpg', extraDocument: null });
    expect(w1.options.deliveryMethod).toBe('sms');
    expect(w1.options.profile).toBeNull();

    const w4 = toDraft(EMPTY_SIGNER, images, documents, { ...DEFAULT_CHOICES, asynchronous: true, confirmation: 'whatsapp' });
    expect([w4.kind, w4.options.deliveryMethod]).toEqual(['asynchronous', 'whatsapp']);

    const w2 = toDraft(EMPTY_SIGNER, images, documents, {
      ...DEFAULT_CHOICES,
      confirmation: 'external',
      asynchronous: true,
      externalType: ' biometric ',
      externalValue: 'ref-1',
    });
    expect(w2.kind).toBe('external_authentication');
    expect(w2.options.deliveryMethod).toBeNull();
    expect(w2.options.externalAuthentication).toEqual({ unlockType: 'biometric', unlockValue: 'ref-1' });
  });

  it('sends each visible signature in points from the bottom-left, and none for a hash signature', () => {
    const summary = { digest: '', byteSize: 1, pages: [{ widthPt: 595, heightPt: 842 }, { widthPt: 595, heightPt: 842 }] };
    const documents = [
      { path: '/a.pdf', name: 'a.pdf', summary, visible: { page: 1, box: { x: 99, y: 99, width: 397, height: 248 }, image: 'img-7' } },
      { path: '/b.pdf', name: 'b.pdf', summary, visible: { page: 0, box: { x: 323, y: 72, width: 200, height: 60 }, image: null } },
      { path: '/c.pdf', name: 'c.pdf', summary, visible: null },
    ];
    expect(toDraft(EMPTY_SIGNER, {}, documents, DEFAULT_CHOICES).documents).toEqual([
      { path: '/a.pdf', visibleSignature: { page: 1, position: '99, 99, 496, 347', image: 'img-7' } },
      { path: '/b.pdf', visibleSignature: { page: 0, position: '323, 72, 523, 132', image: null } },
      { path: '/c.pdf', visibleSignature: null },
    ]);
    expect(toDraft(EMPTY_SIGNER, {}, documents, DEFAULT_CHOICES, 'hash').documents.map((d) => d.visibleSignature)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('lists what is missing before a request can start', () => {
    expect(missingBeforeStart({}, [], { ...DEFAULT_CHOICES, confirmation: 'external' })).toEqual([
      'sign.missing.images',
      'sign.missing.documents',
      'sign.missing.external',
    ]);
  });
});

describe('moved', () => {
  it('moves one item and ignores moves out of range', () => {
    expect(moved(['a', 'b', 'c'], 0, 2)).toEqual(['b', 'c', 'a']);
    expect(moved(['a', 'b'], 1, 5)).toEqual(['a', 'b']);
  });
});

describe('fileName', () => {
  it('takes the last part of Unix and Windows paths', () => {
    expect(fileName('/home/o/loan.pdf')).toBe('loan.pdf');
    expect(fileName('C:\\Users\\o\\loan.pdf')).toBe('loan.pdf');
  });
});
