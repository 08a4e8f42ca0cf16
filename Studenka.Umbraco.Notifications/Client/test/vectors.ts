import vectors from './sms-vectors.json' with { type: 'json' };

interface Source { text?: string; parts?: [string, number][] }

export function textOf(v: Source): string {
  return v.text ?? (v.parts ?? []).map(([piece, times]) => piece.repeat(times)).join('');
}

export const countVectors = vectors.count as (Source & { name: string; encoding: string; characters: number; units: number; segments: number })[];
export const transliterateVectors = vectors.transliterate as { name: string; text: string; expected: string }[];
