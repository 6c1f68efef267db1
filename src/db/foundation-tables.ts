import type { ColumnType, Generated } from 'kysely';

/** Timestamps are written as Date/ISO and read back as Date. */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** A timestamp the database fills in (default now()). */
export type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
/** `date` columns travel as 'YYYY-MM-DD' strings in both directions (see the type parsers in createDb). */
export type IsoDate = string;
export type Json<T = unknown> = ColumnType<T, string, string>;

export const ROLES = ['admin', 'editor', 'contributor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface OrganisationsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  laCode: string | null;
  gssCode: string | null;
  region: string | null;
  childPopulation: number | null;
  pseudonymSecret: string;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface UsersTable {
  id: Generated<string>;
  organisationId: string;
  email: string;
  displayName: string;
  role: Role;
  passwordHash: string | null;
  oidcSubject: string | null;
  failedAttempts: Generated<number>;
  lockedUntil: NullableTimestamp;
  lastSignInAt: NullableTimestamp;
  active: Generated<boolean>;
  version: Generated<number>;
  createdAt: DefaultTimestamp;
  updatedAt: DefaultTimestamp;
}

export interface SessionsTable {
  sid: string;
  sess: Json<Record<string, unknown>>;
  expiresAt: Timestamp;
}

export interface ApiTokensTable {
  id: Generated<string>;
  organisationId: string;
  userId: string;
  name: string;
  tokenHash: string;
  tokenPrefix: string;
  createdAt: DefaultTimestamp;
  lastUsedAt: NullableTimestamp;
  revokedAt: NullableTimestamp;
}

export interface AuditEventsTable {
  id: Generated<number>;
  organisationId: string;
  userId: string | null;
  actor: string;
  at: DefaultTimestamp;
  action: 'create' | 'update' | 'delete';
  entityType: string;
  entityId: string;
  before: Json<Record<string, unknown> | null> | null;
  after: Json<Record<string, unknown> | null> | null;
}

export interface FoundationTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  auditEvents: AuditEventsTable;
}
