// Shapes of /umbraco/sms/api/v1/subscribers and the address mapping it reuses (/areas/needs-mapping).

export interface SubscriberItem {
  id: number;
  phone: string;
  name: string | null;
  email: string | null;
  status: 'active' | 'pending';
  packages: number[];
  addresses: string[];
  consentVersion: string;
  consentAt: string;
  createdAt: string;
  activatedAt: string | null;
  writtenConsentBy: string | null;
}

export interface SubscriberPage { total: number; skip: number; take: number; items: SubscriberItem[] }

export interface SubscriberCounts {
  active: number;
  pending: number;
  typed: number;
  packages: { packageId: number; name: string; subscribers: number }[];
  cityParts: { cityPartId: number; name: string; subscribers: number }[];
  streets: { streetId: number; name: string; cityPartId: number; cityPartName: string; subscribers: number }[];
}

export interface UnlistedStreet { cityPartId: number; cityPartName: string; name: string; addresses: number }

export interface AddressesNeedingMapping {
  streets: { streetId: number; name: string; cityPartId: number; cityPartName: string; source: string; addresses: number }[];
  unlistedStreets: UnlistedStreet[];
}

export interface AddressMove { from: string; fromPart: string; to: string; toPart: string; addresses: number; fromText: boolean }

export interface SignUpAddress { partId: number | null; streetId: number | null; houseNumber: string | null; streetMissing: boolean; streetName: string | null }

export interface AssistedSignUp {
  phone: string;
  name: string | null;
  email: string | null;
  addresses: SignUpAddress[];
  packages: number[];
  consent: boolean;
}

export interface AssistedCodeSent { token: string; phone: string; confirmPath: string }

export interface AssistedActive { subscriberId: number }

export interface CsvDownload { blob: Blob; fileName: string }
