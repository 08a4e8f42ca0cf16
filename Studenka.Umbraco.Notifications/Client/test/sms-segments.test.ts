import { describe, expect, it } from 'vitest';
import { GSM_BASIC, GSM_EXTENSION } from '../src/sms/gsm-alphabet.js';
import { cleanSmsText, countSegments, previewSms, transliterate } from '../src/sms/sms-segments.js';
import { countVectors, textOf, transliterateVectors } from './vectors.js';

describe('countSegments (shared vectors with the C# SmsSegments)', () => {
  it.each(countVectors.map((v) => [v.name, v] as const))('%s', (_, v) => {
    expect(countSegments(textOf(v))).toEqual({ encoding: v.encoding, characters: v.characters, units: v.units, segments: v.segments });
  });
});

describe('transliterate (shared vectors with the C# SmsSegments)', () => {
  it.each(transliterateVectors.map((v) => [v.name, v] as const))('%s', (_, v) => {
    expect(transliterate(v.text)).toBe(v.expected);
    expect(countSegments(transliterate(v.text)).encoding).toBe('gsm7');
  });
});

describe('GSM alphabet', () => {
  it('has the 127 basic characters and 10 extension characters, every one GSM-7', () => {
    expect(GSM_BASIC.length).toBe(127);
    expect(countSegments(GSM_BASIC)).toMatchObject({ encoding: 'gsm7', units: 127 });
    expect(countSegments(GSM_EXTENSION)).toMatchObject({ encoding: 'gsm7', units: 20 });
  });
});

describe('previewSms', () => {
  it('keeps diacritics by default and counts UCS-2, transliterated it is one GSM-7 part', () => {
    const text = 'č' + 'a'.repeat(70);
    expect(previewSms(text, 'keep').count).toMatchObject({ encoding: 'ucs2', segments: 2 });
    const sent = previewSms(text, 'transliterate');
    expect(sent.sentText).toBe('c' + 'a'.repeat(70));
    expect(sent.count).toMatchObject({ encoding: 'gsm7', segments: 1 });
  });

  it('strips invisible characters the server strips, so a pasted zero-width space does not force UCS-2', () => {
    expect(cleanSmsText('a\u200Bb\u0000c\u202Ed\te\n')).toBe('abcd\te\n');
    expect(previewSms('Voda\u200B teče', 'transliterate')).toEqual({
      sentText: 'Voda tece',
      count: { encoding: 'gsm7', characters: 9, units: 9, segments: 1 },
    });
  });
});
