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
}
