// Port of Campaigns/SmsSegments.cs and Campaigns/SmsText.cs (3GPP TS 23.038/23.040 billing rules).
import { isAllGsm, LETTERS, PUNCTUATION, septets } from './gsm-alphabet.js';

export type SmsEncoding = 'gsm7' | 'ucs2';
export type DiacriticsChoice = 'keep' | 'transliterate';

export interface SegmentCount {
  encoding: SmsEncoding;
  /** Text elements (grapheme clusters): what a reader counts. */
  characters: number;
  /** GSM-7 septets (extension characters 2) or UTF-16 units (emoji 2). */
  units: number;
  /** Parts billed per recipient; 0 for an empty text. */
  segments: number;
}

export interface SmsPreview {
  sentText: string;
  count: SegmentCount;
}

const GSM7_SINGLE = 160;
const GSM7_PART = 153;
const UCS2_SINGLE = 70;
const UCS2_PART = 67;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

function textElements(text: string): string[] {
  return Array.from(graphemes.segment(text), (s) => s.segment);
}

export function countSegments(text: string): SegmentCount {
  const characters = textElements(text).length;
  if (isAllGsm(text)) {
    const costs = Array.from({ length: text.length }, (_, i) => septets(text[i]!));
    return { encoding: 'gsm7', characters, units: sum(costs), segments: segments(costs, GSM7_SINGLE, GSM7_PART) };
  }
  const costs = ucs2Units(text);
  return { encoding: 'ucs2', characters, units: text.length, segments: segments(costs, UCS2_SINGLE, UCS2_PART) };
}

/** The text as it will be sent (cleaned, NFC or transliterated) and its count. */
export function previewSms(text: string, choice: DiacriticsChoice): SmsPreview {
  const clean = cleanSmsText(text);
  const sentText = choice === 'transliterate' ? transliterate(clean) : clean.normalize('NFC');
  return { sentText, count: countSegments(sentText) };
}

/** Letters lose diacritics GSM-7 lacks, typographic punctuation becomes ASCII, anything else '?'. */
export function transliterate(text: string): string {
  return textElements(text.normalize('NFC')).map(transliterateElement).join('');
}

/**
 * What of a text may reach a phone (SmsText.Clean): control characters except tab and line breaks,
 * format characters except the zero-width joiner, and unpaired surrogates are removed.
 */
export function cleanSmsText(text: string): string {
  return text.replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, (c) => (c === '\t' || c === '\n' || c === '\r' || c === '\u200D' ? c : ''));
}

function transliterateElement(element: string): string {
  if (isAllGsm(element)) return element;
  if (element.length === 1 && PUNCTUATION[element] !== undefined) return PUNCTUATION[element]!;
  const stripped = element.normalize('NFD').replace(/\p{M}/gu, '');
  if (stripped.length > 0 && isAllGsm(stripped)) return stripped;
  return LETTERS[stripped] ?? '?';
}

function ucs2Units(text: string): number[] {
  const units: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const next = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    const pair = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
    units.push(pair ? 2 : 1);
    if (pair) i++;
  }
  return units;
}

/** Greedy fill that never splits an ESC pair or a surrogate pair across parts (as the C# original). */
function segments(costs: readonly number[], single: number, part: number): number {
  const total = sum(costs);
  if (total === 0) return 0;
  if (total <= single) return 1;
  let parts = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > part) {
      parts++;
      used = 0;
    }
    used += cost;
  }
  return parts;
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
