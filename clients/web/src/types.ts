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

export type ItemStatus = 'upcoming' | 'current' | 'done' | 'skipped';

export interface TimelineItem {
  itemId: string;
  status: ItemStatus;
  plannedStart: string;
  expectedStart: string;
  expectedEnd: string;
  actualStart: string | null;
  actualEnd: string | null;
}

/** The agenda in time: planned, expected (recomputed as the session runs) and actual; UTC. */
export interface Timeline {
  plannedStart: string;
  plannedEnd: string;
  actualStart: string | null;
  expectedEnd: string;
  /** Negative when early. */
  runningLateMinutes: number;
  computedAt: string;
  items: TimelineItem[];
}

/** Who follows a session; keys of the breakdowns are absent when zero (registered people only). */
export interface Presence {
  total: number;
  registered: number;
  anonymous: number;
  inRoom: number;
  remote: number;
  byGroup?: Record<string, number>;
  byRegion?: Record<string, number>;
  byGender?: Record<string, number>;
}

export interface SessionSnapshot {
  session: SessionDetails;
  agenda: AgendaItem[];
  currentItemId: string | null;
  epoch: number;
  seq: number;
  timeline?: Timeline | null;
  presence?: Presence | null;
  /** The caller's view of the session's questions (as from GetQuestions, ordered by votes). */
  questions?: QuestionBoardView | null;
}

// ---- questions (issue 4) ----------------------------------------------------------------------

export type QuestionStatus = 'pending' | 'approved' | 'answered' | 'hidden';
export type QuestionOrder = 'votes' | 'time';

/** A question as everyone may see it once approved; the asker's name only when not anonymous. */
export interface QuestionView {
  id: string;
  text: string;
  stakeholderGroup: string;
  region: string;
  anonymous: boolean;
  askerName: string | null;
  status: QuestionStatus;
  highlighted: boolean;
  upvotes: number;
  askedAt: string;
  answeredAt: string | null;
}

/** The asker's own question (with their name even when anonymous), and why it was hidden. */
export interface OwnQuestion {
  question: QuestionView;
  hiddenReason: string | null;
}

export interface QuestionBoardView {
  questions: QuestionView[];
  mine: OwnQuestion[];
  myVotes: string[];
  preModeration: boolean;
}

/** A question as the session's moderators see it. */
export interface ModeratedQuestion {
  question: QuestionView;
  askerId: string;
  askerName: string;
  hiddenReason: string | null;
  hiddenBy: string | null;
}

export interface AskResult {
  questionId: string;
  status: QuestionStatus;
  question: QuestionView;
}

export interface VoteResult {
  questionId: string;
  upvotes: number;
  voted: boolean;
}

export interface Topic {
  slug: string;
  title: string;
  titles?: Record<string, string>;
}

export interface SessionFilters {
  status?: string;
  type?: string;
  topic?: string;
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

// The contract's vocabulary, in its order.
export const STAKEHOLDER_GROUPS = [
  'government',
  'privateSector',
  'civilSociety',
  'intergovernmentalOrganization',
  'internationalOrganization',
  'technicalAcademic',
] as const;
export const REGIONS = ['africa', 'asiaPacific', 'easternEurope', 'latinAmericaCaribbean', 'westernEuropeOthers'] as const;
export const GENDERS = ['female', 'male', 'nonBinary', 'undisclosed'] as const;
export const SESSION_STATUSES = ['draft', 'scheduled', 'live', 'ended', 'published'] as const;
export const SESSION_TYPES = [
  'mainSession',
  'workshop',
  'openForum',
  'dynamicCoalition',
  'bestPracticeForum',
  'nri',
  'townHall',
  'lightningTalk',
] as const;
