// Port of Campaigns/GsmAlphabet.cs and Campaigns/SmsTransliterations.cs: the counter in the compose
// view must agree with what the server bills, so the tables are the same (see test/sms-vectors.json,
// read by both test suites).

/** The GSM 03.38 basic table without the escape code (127 characters). */
export const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅå\u0394_\u03A6\u0393\u039B\u03A9\u03A0\u03A8\u03A3\u0398\u039EÆæßÉ' +
  ' !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§' +
  '¿abcdefghijklmnopqrstuvwxyzäöñüà';

/** Sent as ESC + code, so each costs two septets. */
export const GSM_EXTENSION = '\f^{}\\[~]|€';

const basic = new Set(GSM_BASIC);
const extension = new Set(GSM_EXTENSION);

/** Per UTF-16 code unit, as the C# original: every GSM character is in the BMP. */
export function isGsm(codeUnit: string): boolean {
  return basic.has(codeUnit) || extension.has(codeUnit);
}

export function isAllGsm(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (!isGsm(text[i]!)) return false;
  }
  return true;
}

export function septets(codeUnit: string): number {
  return extension.has(codeUnit) ? 2 : 1;
}

export const PUNCTUATION: Readonly<Record<string, string>> = {
  '„': '"', '“': '"', '”': '"', '«': '"', '»': '"',
  '‚': "'", '‘': "'", '’': "'", '`': "'", '´': "'",
  '‐': '-', '‑': '-', '–': '-', '—': '-', '−': '-',
  '…': '...',
  '\u00A0': ' ', '\u2009': ' ', '\u202F': ' ', '\t': ' ',
  '•': '-',
};

/** Keyed by the text left after combining marks are stripped. */
export const LETTERS: Readonly<Record<string, string>> = {
  'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'œ': 'oe', 'Œ': 'OE',
};
