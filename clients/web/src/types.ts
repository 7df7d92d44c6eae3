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
  /** The speaking queue as everyone sees it. */
  floor?: FloorView | null;
  /** The caller's own waiting entry or speech. */
  myFloorEntry?: MyFloorEntry | null;
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

// ---- the speaking queue ------------------------------------------------------------------------

export type FloorKind = 'intervention' | 'reply' | 'pointOfOrder';
export const FLOOR_KINDS = ['intervention', 'reply', 'pointOfOrder'] as const;

/** A room of remote participants asking for the floor as one. */
export interface RemoteHub {
  name: string;
  headcount: number;
  region?: string | null;
}

export interface Speech {
  speechId: number;
  entryId: number;
  kind: FloorKind;
  name: string;
  group: string;
  inRoom: boolean;
  hub: RemoteHub | null;
  startedAt: string;
  allottedSeconds: number;
  endedAt: string | null;
  repliesTo: number | null;
}

/** A waiting entry as everyone sees it (no name). */
export interface QueuedEntry {
  entryId: number;
  kind: FloorKind;
  group: string;
  inRoom: boolean;
  hub: RemoteHub | null;
  requestedAt: string;
}

/** A waiting entry as the session's moderators see it. */
export interface FloorEntry extends QueuedEntry {
  participantId: string | null;
  name: string;
  region: string;
  gender: string | null;
  note: string | null;
  repliesTo: number | null;
  position: number;
}

/** The caller's own request; position 1 is "next". */
export interface MyFloorEntry {
  entryId: number;
  kind: FloorKind;
  position: number;
  waiting: number;
  requestedAt: string;
  note: string | null;
  hub: RemoteHub | null;
  speaking: boolean;
}

export interface FloorShare {
  speeches: number;
  milliseconds: number;
  /** 0–1 */
  share: number;
  target: number | null;
  budgetMilliseconds: number | null;
}

export interface FloorOverride {
  speechId: number;
  at: string;
  moderatorName: string;
  givenTo: string;
  givenToGroup: string;
  suggestedEntryId: number | null;
  suggestedGroup: string | null;
  reason: string;
}

export interface FloorDismissal {
  entryId: number;
  at: string;
  moderatorName: string;
  group: string;
  reason: string;
}

export interface FloorLedger {
  speeches: number;
  milliseconds: number;
  byGroup: Record<string, FloorShare>;
  byRegion: Record<string, FloorShare>;
  byGender: Record<string, FloorShare>;
  inRoom: FloorShare;
  remote: FloorShare;
  remoteHubs: FloorShare;
  remoteHubHeadcount: number;
  overrides: FloorOverride[];
  dismissals: FloorDismissal[];
  at: string;
}

export interface FloorSettings {
  allottedSeconds: number;
  replySeconds: number;
  targets: Record<string, number> | null;
  budgetMinutes: Record<string, number> | null;
}

export interface FloorView {
  open: boolean;
  settings: FloorSettings;
  current: Speech | null;
  waiting: number;
  /** Every waiting entry id, in the order the policy would give the floor. */
  order: number[];
  /** The first 25 of them. */
  head: QueuedEntry[];
  ledger: FloorLedger;
}

export interface FloorSuggestion {
  entry: FloorEntry;
  rule: string;
  reasons: { code: string; text: string }[];
}

/** Someone a moderator puts in the queue. */
export interface FloorEntryDraft {
  name: string;
  group: string;
  region: string;
  gender: string | null;
  kind: FloorKind;
  inRoom: boolean;
  hub?: RemoteHub | null;
  note?: string | null;
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

/** Where a topic's feed stands (FollowTopic): every event after `lastSeq` of `epoch` follows. */
export interface TopicPosition {
  topic: string;
  epoch: number;
  lastSeq: number;
}

/** What the hub pushes as `topicEvents`: a contiguous run of one topic's events. */
export interface TopicEventBatch {
  topic: string;
  epoch: number;
  fromSeq: number;
  toSeq: number;
  events: SessionEvent[];
}

/** ResyncTopic's answer: null events when the missed ones are gone (read the topic again). */
export interface TopicResync extends TopicPosition {
  events: SessionEvent[] | null;
}

/** What /api/auth/login, /register and /refresh answer. */
export interface LoginResult {
  participantId: string;
  token: string;
  roles: string[];
  expiresAt: string;
  /** Works once: each renewal gives the next one. */
  refreshToken: string;
  refreshExpiresAt: string;
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
  /** A version of the proceedings that is taken down (410) or does not match its hash (500): the chain's hash. */
  hash?: string;
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

/** Whether the session has ended (published proceedings included): its record is kept as it was held. */
export const hasEnded = (status: SessionStatus | undefined): boolean => status === 'ended' || status === 'published';
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

// ---- topics, stakeholder groups, consultations ----------------------------------------------

export interface TopicSource {
  document: string;
  paragraph: string;
  quotation: string;
  quotationLanguage: string;
}

export interface TopicDetails extends Topic {
  description: string;
  descriptions?: Record<string, string>;
  sources: TopicSource[];
  relatedTopics: string[];
}

export interface TopicFollowers {
  slug: string;
  followers: number;
  following: boolean;
}

export interface GroupMembers {
  total: number;
  byRegion: Record<string, number>;
  byGender: Record<string, number>;
}

export interface GroupSession {
  sessionId: string;
  title: string;
  endedAt: string | null;
  speeches: number;
  milliseconds: number;
  share: number;
}

export interface StakeholderGroupFigures {
  group: string;
  name: string;
  members: GroupMembers;
  speeches: number;
  milliseconds: number;
  floorShare: number;
  sessionsEnded: number;
  sessions: GroupSession[];
}

export const STANCES = ['agree', 'disagree', 'neutral'] as const;
export type Stance = (typeof STANCES)[number];
export type StanceCounts = Record<Stance, number>;

export interface ConsultationListItem {
  id: string;
  topicSlug: string;
  title: string;
  openedAt: string;
  closesAt: string;
}

export interface ConsultationVersion {
  version: number;
  draft: boolean;
  paragraphs: { number: number; text: string }[];
  at: string;
  by: string;
}

export interface Consultation extends ConsultationListItem {
  slug: string;
  phase: 'open' | 'closed' | 'published' | string;
  versions: ConsultationVersion[];
  contributions: number;
}

export interface Contribution {
  id: string;
  parentId: string | null;
  level: number;
  paragraph: number | null;
  stance: Stance | null;
  text: string;
  authorName: string;
  stakeholderGroup: string;
  region: string;
  at: string;
  status: string;
  mine: boolean;
  reports: number;
  reviewReason: string | null;
  replies: Contribution[];
}

export interface ContributionCounts {
  contributions: number;
  replies: number;
  stances: StanceCounts;
}

export interface ConsultationSummary extends ContributionCounts {
  consultationId: string;
  byGroup: Record<string, ContributionCounts>;
  byParagraph: (ContributionCounts & { paragraph: number | null })[];
  hidden: number;
}

export interface NewContribution {
  clientRequestId: string;
  paragraph?: number | null;
  stance?: Stance | null;
  text: string;
  parentId?: string | null;
}

// ---- proceedings and the archive ---------------------------------------------------------------

/** The moderators' text (Markdown). */
export interface ProceedingsText {
  summary: string;
  takeaways: string[];
  callsToAction: string[];
}

export interface RecordedSession {
  title: string;
  titles?: Record<string, string>;
  type: string;
  topics: string[];
  startsAt: string;
  durationMinutes: number;
  startedAt?: string | null;
  endedAt?: string | null;
  description: string;
}

/** An agenda item as planned and as held; status `done`, `skipped`, `removed` (or as the timeline left it). */
export interface RecordedItem {
  id: string;
  title: string;
  minutes: number;
  speakers: string[];
  planned: boolean;
  held: boolean;
  status: string;
  plannedStart?: string | null;
  actualStart?: string | null;
  actualEnd?: string | null;
}

export interface RecordedSpeech {
  number: number;
  /** A handle within the session: "Speaker 3". */
  speaker: string;
  group: string;
  region: string;
  gender?: string | null;
  kind: string;
  /** `inRoom`, `remote` or `remoteHub`. */
  where: string;
  hubName?: string | null;
  hubHeadcount: number;
  startedAt: string;
  seconds: number;
  allottedSeconds: number;
  repliesTo?: number | null;
}

export interface RecordedShare {
  speeches: number;
  seconds: number;
  /** Share of the floor in thousandths. */
  permille: number;
  targetPermille?: number | null;
}

export interface RecordedFloor {
  speeches: number;
  seconds: number;
  byGroup: Record<string, RecordedShare>;
  byRegion: Record<string, RecordedShare>;
  byGender: Record<string, RecordedShare>;
  inRoom: RecordedShare;
  remote: RecordedShare;
  remoteHubs: RecordedShare;
  remoteHubHeadcount: number;
}

export interface RecordedAttendance {
  peakAt?: string | null;
  total: number;
  registered: number;
  anonymous: number;
  inRoom: number;
  remote: number;
  byGroup: Record<string, number>;
  byRegion: Record<string, number>;
  byGender: Record<string, number>;
}

export interface RecordedTally {
  asked: number;
  approved: number;
  answered: number;
}

export interface RecordedQuestions extends RecordedTally {
  hidden: number;
  upvotes: number;
  byGroup: Record<string, RecordedTally>;
  byRegion: Record<string, RecordedTally>;
}

export interface RecordedOverride {
  at: string;
  speech: number;
  givenToGroup: string;
  suggestedGroup?: string | null;
  reason: string;
}

export interface RecordedDismissal {
  at: string;
  group: string;
  reason: string;
}

export interface ProceedingsContent extends ProceedingsText {
  session: RecordedSession;
  agenda: RecordedItem[];
  speeches: RecordedSpeech[];
  floor: RecordedFloor;
  attendance: RecordedAttendance;
  questions: RecordedQuestions;
  overrides: RecordedOverride[];
  dismissals: RecordedDismissal[];
}

/** One published version, as its canonical JSON holds it. */
export interface ProceedingsRecord {
  format: string;
  sessionId: string;
  version: number;
  previousHash?: string | null;
  publishedAt: string;
  note?: string | null;
  proceedings: ProceedingsContent;
}

/** A link of the chain: the version's SHA-256 (lower-case hex) and the one before it. */
export interface ProceedingsVersionInfo {
  version: number;
  hash: string;
  previousHash: string | null;
  publishedAt: string;
  note: string | null;
  takenDown: { at: string; reason: string } | null;
}

export interface ProceedingsDraft {
  sessionId: string;
  proceedings: ProceedingsContent;
  revision: number;
  editedAt: string | null;
  versions: ProceedingsVersionInfo[];
}

/** The moderators' text of a version as safe HTML (rendered by the platform). */
export interface RenderedText {
  summary: string;
  takeaways: string[];
  callsToAction: string[];
}

/** Pushed to a session's followers and to the archive's. */
export interface ProceedingsPublished {
  sessionId: string;
  version: number;
  hash: string;
  publishedAt: string;
  title: string;
  note: string | null;
  url: string;
}

export interface ProceedingsTakenDown {
  sessionId: string;
  version: number;
  hash: string;
  reason: string;
}

export interface ArchiveHit {
  sessionId: string;
  version: number;
  title: string;
  type: string;
  topics: string[];
  groups: string[];
  year: number;
  startsAt: string;
  publishedAt: string;
  /** Plain text from the summary (Markdown not rendered): shown as text. */
  snippet: string;
  speeches: number;
  floorSeconds: number;
  peakAttendance: number;
  hash: string;
  url: string;
}

export interface ArchiveFacets {
  years: Record<string, number>;
  types: Record<string, number>;
  groups: Record<string, number>;
  topics: Record<string, number>;
}

export interface ArchivePage {
  total: number;
  page: number;
  pageSize: number;
  items: ArchiveHit[];
  facets: ArchiveFacets;
}

export interface ArchiveQuery {
  q?: string;
  topic?: string;
  group?: string;
  year?: string;
  type?: string;
  page?: number;
}

/** Where an announcements feed stands (FollowArchive). */
export interface FeedPosition {
  epoch: number;
  lastSeq: number;
}

export interface FeedResync extends FeedPosition {
  events: SessionEvent[] | null;
}

/** What the hub pushes as `archiveEvents`. */
export interface ArchiveEventBatch {
  epoch: number;
  fromSeq: number;
  toSeq: number;
  events: SessionEvent[];
}

/** `POST /api/auth/register`: a new participant's profile (vocabulary in camelCase). */
export interface Registration {
  email: string;
  password: string;
  displayName: string;
  stakeholderGroup: string;
  region: string;
  gender?: string;
  organization?: string;
  country?: string;
}

/** What organizers create and edit (`POST /api/sessions`, `PATCH /api/sessions/{id}`). */
export interface SessionInput {
  title: string;
  type: string;
  topics: string[];
  startsAt: string;
  durationMinutes: number;
  description: string;
}

/** What an organizer sees of a person when assigning roles (`GET /api/participants`). */
export interface ParticipantSummary {
  participantId: string;
  displayName: string;
  stakeholderGroup: string;
  region: string;
  organization: string | null;
}

/** A moderator who moderates another session at an overlapping time. */
export interface RoleClash {
  participantId: string;
  displayName: string;
  otherSessionId: string;
  otherSessionTitle: string;
  otherStartsAt: string;
  otherEndsAt: string;
  message: string;
}

export interface SessionWithWarnings {
  session: SessionDetails;
  warnings: RoleClash[];
}
