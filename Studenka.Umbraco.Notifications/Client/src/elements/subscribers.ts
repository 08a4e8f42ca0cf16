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

/** One of the resident's addresses as the office typed it. */
export interface AddressFields {
  partId: number | null;
  streetId: number | null;
  streetMissing: boolean;
  streetName: string;
  houseNumber: string;
}

/** A resident may give up to three addresses (home, a parent's, a cottage), as on the public form. */
export const MAX_ADDRESSES = 3;

export const emptyAddress = (): AddressFields => ({ partId: null, streetId: null, streetMissing: false, streetName: '', houseNumber: '' });

/** What the office typed, as the API reads it: blanks are "not given", a typed street replaces the chosen one. */
export interface SignUpFields {
  phone: string;
  name: string;
  email: string;
  addresses: AddressFields[];
  packages: number[];
  consent: boolean;
}

export function signUpBody(f: SignUpFields): AssistedSignUp {
  const blank = (v: string) => (v.trim() === '' ? null : v.trim());
  return {
    phone: f.phone.trim(),
    name: blank(f.name),
    email: blank(f.email),
    addresses: f.addresses.map((a) => ({
      partId: a.partId,
      streetId: a.streetMissing ? null : a.streetId,
      houseNumber: blank(a.houseNumber),
      streetMissing: a.streetMissing,
      streetName: a.streetMissing ? blank(a.streetName) : null,
    })),
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

/**
 * The API's field errors keyed by the form's fields, so each message sits under its input: the first
 * address's fields by their name ("addresses[0].streetId" → "streetId"), a further address's with its
 * index ("addresses[1].streetId" → "streetId-1").
 */
export function fieldOf(apiField: string): string {
  const address = /^addresses\[(\d+)\]\.(\w+)$/i.exec(apiField);
  if (address) return address[1] === '0' ? address[2]! : `${address[2]}-${address[1]}`;
  const last = apiField.split('.').pop() ?? apiField;
  return last.replace(/\[\d+\]$/, '');
}
