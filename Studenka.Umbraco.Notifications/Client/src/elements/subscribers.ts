// Client rules of the subscriber view, free of backoffice imports so vitest can run them.
import type { AreaPart } from '../api/types.js';
import type { AssistedSignUp } from '../api/subscribers-types.js';
import { areaLabel } from './areas.js';

export interface StreetOption { id: number; label: string }

/**
 * Streets a typed name may be mapped onto: those of the part the resident chose first (the likely
 * ones), then the rest of the town, never a street that itself waits for mapping (the API refuses it).
 */
export function streetOptions(parts: AreaPart[], partId: number, waiting: ReadonlySet<number>): StreetOption[] {
  const ordered = [...parts.filter((p) => p.id === partId), ...parts.filter((p) => p.id !== partId)];
  return ordered.flatMap((p) => p.streets.filter((s) => !waiting.has(s.id)).map((s) => ({ id: s.id, label: areaLabel(s.name, p.name) })));
}

/** What the office typed, as the API reads it: blanks are "not given", a typed street replaces the chosen one. */
export interface SignUpFields {
  phone: string;
  name: string;
  email: string;
  partId: number | null;
  streetId: number | null;
  streetMissing: boolean;
  streetName: string;
  houseNumber: string;
  packages: number[];
  consent: boolean;
}

export function signUpBody(f: SignUpFields): AssistedSignUp {
  const blank = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    phone: f.phone.trim(),
    name: blank(f.name),
    email: blank(f.email),
    addresses: [{
      partId: f.partId,
      streetId: f.streetMissing ? null : f.streetId,
      houseNumber: blank(f.houseNumber),
      streetMissing: f.streetMissing,
      streetName: f.streetMissing ? blank(f.streetName) : null,
    }],
    packages: [...new Set(f.packages)].sort((a, b) => a - b),
    consent: f.consent,
  };
}

/** "21–40 / 57" and whether there is a page before and after. */
export function pageInfo(skip: number, take: number, total: number) {
  return {
    from: total === 0 ? 0 : skip + 1,
    to: Math.min(skip + take, total),
    hasPrevious: skip > 0,
    hasNext: skip + take < total,
  };
}

/** The API's field errors ("addresses[0].streetId") keyed by the form's fields, so each message sits under its input. */
export function fieldOf(apiField: string): string {
  const last = apiField.split('.').pop() ?? apiField;
  return last.replace(/\[\d+\]$/, '');
}
