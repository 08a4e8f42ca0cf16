// Shapes of GET audit/search (Operators/AuditLog.cs).

export interface AuditEntry { id: number; at: string; actor: string; action: string; subject: string | null; details: string | null }
export interface AuditPage { total: number; items: AuditEntry[] }

/** Every field optional; from/to are days yyyy-MM-dd (Prague, both included); an action ending with "." is a kind. */
export interface AuditFilter { actor: string; action: string; from: string; to: string; q: string }
