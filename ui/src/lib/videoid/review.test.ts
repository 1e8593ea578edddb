import { describe, expect, it } from 'vitest';

import { compareSigner, similarityScore, videoType, type EnteredSigner } from './review';

const entered: EnteredSigner = {
  givenName: 'José Luis',
  surname1: 'Muñoz',
  surname2: null,
  serialNumber: '12345678z',
  email: 'jose@example.com',
  mobilePhoneNumber: '+34 600 12 31 23',
  idDocumentCountry: 'es',
};

describe('signer data beside what was read', () => {
  it('tells equal, different and unknown fields apart', () => {
    const rows = compareSigner(entered, {
      givenName: 'JOSE  LUIS',
      surname1: 'Muñiz',
      surname2: 'García',
      serialNumber: '12345678-Z',
      mobilePhoneNumber: '+34600123123',
      email: null,
      idDocumentCountry: 'ES',
    });
    const agreement = Object.fromEntries(rows.map((row) => [row.field, row.agreement]));
    expect(agreement).toEqual({
      givenName: 'same',
      surname1: 'different',
      surname2: 'unknown',
      serialNumber: 'same',
      idDocumentCountry: 'same',
      email: 'unknown',
      mobilePhoneNumber: 'same',
    });
    expect(rows.find((row) => row.field === 'surname1')).toEqual({
      field: 'surname1',
      entered: 'Muñoz',
      read: 'Muñiz',
      agreement: 'different',
    });
  });

  it('compares nothing when nothing was read', () => {
    expect(compareSigner(entered, null).every((row) => row.agreement === 'unknown')).toBe(true);
  });
});

describe('similarity gauge', () => {
  it('places scores and words, and refuses the rest', () => {
    expect(similarityScore('87')).toBe(87);
    expect(similarityScore(' 100 ')).toBe(100);
    expect(similarityScore('High')).toBe(85);
    expect(similarityScore('low')).toBe(30);
    expect(similarityScore('101')).toBeNull();
    expect(similarityScore('excellent')).toBeNull();
    expect(similarityScore(null)).toBeNull();
  });
});

describe('video type', () => {
  const bytes = (text: string) => new Uint8Array([...text].map((c) => c.charCodeAt(0)));
  it('tells the formats the Optimizer accepts apart', () => {
    expect(videoType(bytes('\0\0\0\x18ftypmp42'))).toBe('video/mp4');
    expect(videoType(bytes('\0\0\0\x14ftypqt  '))).toBe('video/quicktime');
    expect(videoType(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3, 0]))).toBe('video/webm');
    expect(videoType(bytes('OggS\0\0'))).toBe('video/ogg');
    expect(videoType(bytes('RIFF\0\0\0\0AVI '))).toBe('video/x-msvideo');
    expect(videoType(bytes('hello'))).toBe('application/octet-stream');
  });
});
