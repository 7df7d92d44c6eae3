// The shapes of the platform's public contract (docs/api.md) that this app uses.

export type SessionStatus = 'draft' | 'scheduled' | 'live' | 'ended' | 'published';
export type SessionType =
  | 'mainSession'
  | 'workshop'
  | 'openForum'
  | 'dynamicCoalition'
  | 'bestPracticeForum'
  | 'nri'
  | 'townHall'
  | 'lightningTalk';

export interface SessionSummary {
  id: string;
  title: string;
  titles: Record<string, string>;
  type: SessionType;
  status: SessionStatus;
  topics: string[];
  startsAt: string;
  durationMinutes: number;
}

export interface SessionDetails extends SessionSummary {
  description: string;
  descriptions: Record<string, string>;
  moderators: string[];
  startedAt: string | null;
  endedAt: string | null;
}

export interface AgendaItem {
  id: string;
  title: string;
  minutes: number;
  speakers: string[];
}

export interface SessionSnapshot {
  session: SessionDetails;
  agenda: AgendaItem[];
  currentItemId: string | null;
  epoch: number;
  seq: number;
}

export interface SessionEvent {
  seq: number;
  at: string;
  type: string;
  data: unknown;
}

export interface EventBatch {
  sessionId: string;
  epoch: number;
  fromSeq: number;
  toSeq: number;
  events: SessionEvent[];
}

export interface ResyncResult {
  sessionId: string;
  epoch: number;
  events: SessionEvent[] | null;
  snapshot: SessionSnapshot | null;
}

export interface LoginResult {
  participantId: string;
  token: string;
  roles: string[];
  expiresAt?: string;
}

export interface Me {
  participantId: string;
  email: string;
  displayName: string;
  stakeholderGroup: string;
  region: string;
  gender?: string | null;
  organization?: string | null;
  country?: string | null;
  roles: string[];
  registeredAt: string;
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  detail?: string;
  status?: number;
  errors?: Record<string, string[]>;
}
