// Shapes of GET delivery/status (Delivery/DeliveryAdministration.cs, DeliveryHeartbeat.cs).

export interface DeliveryNode { nodeId: string; startedAt: string; lastSeenAt: string; workerEnabled: boolean; paused: boolean; inFlight: number; stale: boolean }

export interface DeliveryHealth {
  paused: boolean;
  kind: 'ConfigurationError' | 'InsufficientBalance' | null;
  reason: string | null;
  since: string | null;
  retriesAt: string | null;
  backlog: number;
  pausedByNode: string | null;
  nodes: DeliveryNode[];
  /** E-mail's own pause (the fields above are SMS's); null while e-mail sends, absent from servers before e-mail. */
  emailPause?: DeliveryPause | null;
}

export interface DeliveryPause { kind: 'ConfigurationError' | 'InsufficientBalance'; reason: string; since: string; retriesAt: string | null; pausedByNode: string }
