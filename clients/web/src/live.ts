// The platform's live protocol over the SignalR hub /hubs/forum.
//
// - JoinSession(sessionId) returns a snapshot with the point in the session's history it shows:
//   (epoch, seq). The client keeps (epoch, lastSeq) per session.
// - The server pushes `events` batches {sessionId, epoch, fromSeq, toSeq, events[]}. Only events
//   with seq > lastSeq are applied. A different epoch, or a gap (fromSeq > lastSeq + 1), is not
//   applied: the client calls Resync(sessionId, epoch, lastSeq) and gets the missed events or a
//   snapshot.
// - After a reconnect the client joins again (SignalR groups do not survive reconnects) and
//   resyncs from what it kept.
// - The question events and the speaking queue's events (`queueChanged`, `speakerChanged`,
//   `floorLedgerChanged`) are applied with the rest, in seq order (./questions, ./floor).
// Everything that touches one session's state (joins, batches, resyncs) runs through one queue per
// session, one task at a time, so resyncs never overlap and batches are applied in order. The
// `events` handler only enqueues; it never waits on a hub call.
//
// A policy topic is followed the same way (FollowTopic, `topicEvents`, ResyncTopic, one queue per
// topic), except that its feed has no snapshot: the page reads the topic's consultations over HTTP
// after the first FollowTopic and whenever ResyncTopic says the missed events are gone. The archive
// is one more such feed (FollowArchive, `archiveEvents`, ResyncArchive): publications and takedowns
// of proceedings. A session's own `proceedingsPublished` is applied with its other events.
import {
  HubConnectionBuilder,
  HubConnectionState,
  LogLevel,
  type HubConnection,
  type IRetryPolicy,
  type RetryContext,
} from '@microsoft/signalr';
import { freshToken, getAuth } from './auth';
import { applyFloorEvent, fromSnapshot, type FloorState } from './floor';
import { applyQuestionEvent, fromBoard, type QuestionsState } from './questions';
import type {
  AgendaItem,
  ArchiveEventBatch,
  FeedPosition,
  FeedResync,
  AskResult,
  EventBatch,
  FloorEntry,
  FloorEntryDraft,
  FloorKind,
  FloorSuggestion,
  ModeratedQuestion,
  MyFloorEntry,
  ProceedingsPublished,
  QuestionBoardView,
  QuestionOrder,
  VoteResult,
  Presence,
  RemoteHub,
  ResyncResult,
  SessionDetails,
  SessionEvent,
  SessionSnapshot,
  SessionStatus,
  Speech,
  Timeline,
  TopicEventBatch,
  TopicPosition,
  TopicResync,
} from './types';

export const HUB_URL = '/hubs/forum';
const ARCHIVE = 'archive';

/** 0, 1, 2, 5, 10, 10 s, then every 30 s forever (with a little jitter so that many clients
 *  coming back after an outage do not all arrive in the same second). Never gives up. */
const RETRY_DELAYS = [0, 1000, 2000, 5000, 10000, 10000, 30000];
export const retryForever: IRetryPolicy = {
  nextRetryDelayInMilliseconds(ctx: RetryContext): number {
    const base = RETRY_DELAYS[Math.min(ctx.previousRetryCount, RETRY_DELAYS.length - 1)] ?? 30000;
    return base < 5000 ? base : Math.round(base * (0.85 + Math.random() * 0.3));
  },
};

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'resynced' | 'disconnected';

/** What a session looks like to a client, and the point in its history that it shows. */
export interface LiveState {
  session: SessionDetails;
  agenda: AgendaItem[];
  currentItemId: string | null;
  timeline: Timeline | null;
  presence: Presence | null;
  /** The session's questions as this person may see them. */
  questions: QuestionsState;
  /** The speaking queue, and the person's own request. */
  floor: FloorState;
  /** The latest version of the proceedings published while this page follows the session. */
  proceedings: ProceedingsPublished | null;
  /** This browser's clock minus the platform's, measured at the last snapshot (whose timeline is
   *  computed as it is sent): for extrapolating the timeline between pushes. */
  clockOffsetMs: number;
  epoch: number;
  seq: number;
}

/** What changed in one step: a snapshot replaces everything. */
export type Change =
  | 'snapshot'
  | 'agenda'
  | 'current'
  | 'status'
  | 'details'
  | 'timeline'
  | 'presence'
  | 'questions'
  | 'votes'
  | 'moderation'
  | 'queue'
  | 'speaker'
  | 'ledger'
  | 'proceedings';

export interface SessionListener {
  /** `events` are the question events applied in this step (for what to announce). */
  onState(state: LiveState, changes: ReadonlySet<Change>, events: readonly SessionEvent[]): void;
  onConnection(state: ConnectionState): void;
  onError(message: string): void;
  /** After every successful JoinSession (first join, after a reconnect, after a failed resync):
   *  what the platform keeps per connection (attendance) has to be said again. */
  onJoined?(): void;
}

/** The message of a HubException (SignalR prefixes it with where it came from). */
export function hubErrorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const match = /HubException:\s*([\s\S]*)$/.exec(message);
  return (match?.[1] ?? message).trim();
}

type Invoke = <T>(method: string, ...args: unknown[]) => Promise<T>;
// `quiet`: a rejoin after our own restart with a renewed token, not after a loss: nothing to tell.
type Task<B> = { kind: 'join' } | { kind: 'rejoin'; quiet?: boolean } | { kind: 'batch'; batch: B };
interface Batch {
  epoch: number;
  fromSeq: number;
  toSeq: number;
  events: SessionEvent[];
}

/** The events that follow on from `seq`, in seq order, each once; null when one is missing. */
function following(events: readonly SessionEvent[], seq: number): SessionEvent[] | null {
  const next: SessionEvent[] = [];
  for (const event of [...events].sort((a, b) => a.seq - b.seq)) {
    const last = next[next.length - 1]?.seq ?? seq;
    if (event.seq <= last) continue;
    if (event.seq !== last + 1) return null;
    next.push(event);
  }
  return next;
}

/**
 * One followed feed (a session or a topic): its tasks run one at a time in order, and a batch is
 * applied only when it follows on from what is held; another epoch or a gap is resynced first.
 */
abstract class FeedTracker<B extends Batch> {
  private readonly queue: Task<B>[] = [];
  private running = false;
  protected closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private retries = 0;

  constructor(readonly onConnection: (state: ConnectionState) => void) {}

  /** (epoch, seq) of what is held; null until the first join. */
  protected abstract position(): { epoch: number; seq: number } | null;
  /** Applies the events after the position; false when one is missing before them. */
  protected abstract apply(events: readonly SessionEvent[]): boolean;
  protected abstract resync(): Promise<void>;
  protected abstract run(task: Task<B>): Promise<void>;

  get joined(): boolean {
    return this.position() !== null;
  }

  enqueue(task: Task<B>): void {
    if (this.closed) return;
    this.queue.push(task);
    if (!this.running) void this.drain();
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
    clearTimeout(this.retryTimer);
  }

  /**
   * A rejoin that failed: the connection came back, but the server that held the feed was lost and
   * the cluster has not yet served it again (seconds). Until a rejoin answers, no event reaches this
   * feed, so it is tried again, with growing pauses, until it does.
   */
  protected retryRejoin(task: Task<B>): void {
    if (this.closed || this.retryTimer !== undefined) return;
    const pause = Math.min(500 * 2 ** this.retries, 5000);
    this.retries++;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      this.enqueue(task);
    }, pause);
  }

  protected rejoined(): void {
    this.retries = 0;
  }

  private async drain(): Promise<void> {
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closed) await this.run(this.queue.shift()!);
    } finally {
      this.running = false;
    }
  }

  protected async onBatch(batch: B): Promise<void> {
    const at = this.position();
    if (!at) return; // not joined: the join covers it
    if (batch.epoch === at.epoch && batch.fromSeq <= at.seq + 1 && this.apply(batch.events)) return;
    // Another epoch, or a gap: do not apply; fetch what was missed.
    await this.resync();
    // What the batch has beyond the resync still applies when it now follows on.
    const now = this.position();
    if (now && batch.epoch === now.epoch && batch.fromSeq <= now.seq + 1 && batch.toSeq > now.seq) {
      this.apply(batch.events);
    }
  }
}

/** One session's state and the serialized processing of its events. */
export class SessionTracker extends FeedTracker<EventBatch> {
  state: LiveState | null = null;
  /** What the task being run changed, and the question events it applied. */
  private changes = new Set<Change>();
  private applied: SessionEvent[] = [];

  constructor(
    readonly sessionId: string,
    private readonly invoke: Invoke,
    private readonly listener: SessionListener,
  ) {
    super((state) => listener.onConnection(state));
  }

  protected position(): { epoch: number; seq: number } | null {
    return this.state;
  }

  protected async run(task: Task<EventBatch>): Promise<void> {
    const changes = (this.changes = new Set<Change>());
    this.applied = [];
    let rejoined = false;
    try {
      switch (task.kind) {
        case 'join':
          this.takeSnapshot(await this.join());
          break;
        case 'rejoin': {
          const snapshot = await this.join();
          if (!this.state) this.takeSnapshot(snapshot);
          else await this.resync();
          this.rejoined();
          rejoined = true;
          break;
        }
        case 'batch':
          await this.onBatch(task.batch);
          break;
      }
    } catch (error) {
      // A failed join is worth telling; a failed rejoin is tried again; a failed resync is
      // repaired by the next batch or the next reconnect.
      if (task.kind === 'join') this.listener.onError(hubErrorMessage(error));
      else console.warn(`live: ${task.kind} of ${this.sessionId} failed`, error);
      if (task.kind === 'rejoin') this.retryRejoin(task);
    }
    if (this.closed) return;
    if (changes.size > 0 && this.state) this.listener.onState(this.state, changes, this.applied);
    if (rejoined && task.kind === 'rejoin' && !task.quiet && this.state) this.listener.onConnection('resynced');
  }

  protected async resync(): Promise<void> {
    const state = this.state;
    if (!state) return;
    const result = await this.invoke<ResyncResult>('Resync', this.sessionId, state.epoch, state.seq);
    if (result.snapshot) {
      this.takeSnapshot(result.snapshot);
      return;
    }
    // Events from another epoch cannot continue what we hold, nor can events with a hole:
    // start again from a snapshot.
    if (result.epoch !== state.epoch || !this.apply(result.events ?? [])) this.takeSnapshot(await this.join());
  }

  protected apply(events: readonly SessionEvent[]): boolean {
    const state = this.state!;
    const next = following(events, state.seq);
    if (!next) return false;
    for (const event of next) {
      const applied = applyEvent(state, event, this.changes);
      // Not what the event was made on: resync, which ends in a snapshot if it happens again.
      if (applied === null) return false;
      if (applied) this.applied.push(event);
      state.seq = event.seq;
    }
    return true;
  }

  private async join(): Promise<SessionSnapshot> {
    const snapshot = await this.invoke<SessionSnapshot>('JoinSession', this.sessionId);
    if (!this.closed) this.listener.onJoined?.();
    return snapshot;
  }

  private takeSnapshot(snapshot: SessionSnapshot): void {
    const timeline = snapshot.timeline ?? null;
    const computedAt = timeline ? Date.parse(timeline.computedAt) : NaN;
    this.state = {
      session: snapshot.session,
      agenda: snapshot.agenda ?? [],
      currentItemId: snapshot.currentItemId ?? null,
      timeline,
      presence: snapshot.presence ?? null,
      questions: fromBoard(snapshot.questions),
      floor: fromSnapshot(snapshot.floor, snapshot.myFloorEntry),
      proceedings: this.state?.proceedings ?? null,
      clockOffsetMs: Number.isFinite(computedAt) ? Date.now() - computedAt : 0,
      epoch: snapshot.epoch,
      seq: snapshot.seq,
    };
    this.changes.add('snapshot');
  }
}

export interface TopicListener {
  /** The feed's new events, in seq order, each once (later ones wait while a returned promise runs). */
  onEvents(events: readonly SessionEvent[]): void | Promise<void>;
  /**
   * Read what the feed announces again over HTTP: after the first follow (what was read before it
   * may miss events), and when the missed events are gone. Events after it wait for it; a rejected
   * promise has it called again before the next events.
   */
  reload(): Promise<void>;
  onConnection(state: ConnectionState): void;
}

/** The archive's followers hear of publications and takedowns the same way. */
export type ArchiveListener = TopicListener;

/** How one announcements feed (a topic, the archive) is followed and resynced on the hub. */
interface FeedMethods {
  follow(): Promise<{ epoch: number; lastSeq: number }>;
  resync(epoch: number, lastSeq: number): Promise<{ epoch: number; lastSeq: number; events: SessionEvent[] | null }>;
}

/**
 * One announcements feed followed live (a policy topic, the archive): its position in the feed and
 * its serialized events. It has no snapshot: the page reads what it shows over HTTP after the first
 * follow and whenever the missed events are gone.
 */
export class AnnouncementTracker extends FeedTracker<Batch> {
  private at: { epoch: number; seq: number } | null = null;
  /** The events applied by the task being run, given to the listener at its end. */
  private pending: SessionEvent[] = [];
  /** The last reload failed: what is held may miss events until one succeeds. */
  private stale = false;

  constructor(
    readonly name: string,
    private readonly methods: FeedMethods,
    private readonly listener: TopicListener,
  ) {
    super((state) => listener.onConnection(state));
  }

  protected position(): { epoch: number; seq: number } | null {
    return this.at;
  }

  protected async run(task: Task<Batch>): Promise<void> {
    this.pending = [];
    let rejoined = false;
    try {
      if (task.kind === 'batch') {
        if (this.stale) await this.reload();
        await this.onBatch(task.batch);
      } else {
        const position = await this.methods.follow();
        if (this.closed) return;
        if (this.at && task.kind === 'rejoin') await this.resync();
        else {
          this.at = { epoch: position.epoch, seq: position.lastSeq };
          await this.reload();
        }
        if (task.kind === 'rejoin') {
          this.rejoined();
          rejoined = true;
        }
      }
      if (this.pending.length > 0 && !this.closed) await this.listener.onEvents(this.pending);
    } catch (error) {
      // A failed rejoin is tried again; anything else is repaired by the next batch (a gap) or
      // the next reconnect.
      console.warn(`live: ${task.kind} of ${this.name} failed`, error);
      if (task.kind === 'rejoin') this.retryRejoin(task);
    }
    if (rejoined && task.kind === 'rejoin' && !task.quiet && this.at && !this.closed) this.listener.onConnection('resynced');
  }

  protected async resync(): Promise<void> {
    const at = this.at;
    if (!at) return;
    const result = await this.methods.resync(at.epoch, at.seq);
    if (result.epoch === at.epoch && result.events && this.apply(result.events)) return;
    // The missed events are gone: go on from where the feed is now, from what HTTP says.
    this.at = { epoch: result.epoch, seq: result.lastSeq };
    await this.reload();
  }

  protected apply(events: readonly SessionEvent[]): boolean {
    const at = this.at!;
    const next = following(events, at.seq);
    if (!next) return false;
    if (next.length > 0) at.seq = next[next.length - 1]!.seq;
    this.pending.push(...next);
    return true;
  }

  private async reload(): Promise<void> {
    // What the read gives supersedes whatever was applied before it in this task.
    this.pending = [];
    this.stale = true;
    if (this.closed) return;
    await this.listener.reload();
    this.stale = false;
  }
}

/** A policy topic followed live (FollowTopic, `topicEvents`, ResyncTopic). */
export type TopicTracker = AnnouncementTracker;

/**
 * The agenda after a targeted edit (`agendaEdited`: the new order of ids and the items new or changed),
 * from the one held; null when the held agenda lacks an item the edit keeps.
 */
export function editAgenda(held: readonly AgendaItem[], data: Record<string, unknown>): AgendaItem[] | null {
  const items = new Map(held.map((item) => [item.id, item]));
  for (const item of (data.items as AgendaItem[] | undefined) ?? []) items.set(item.id, item);
  const agenda: AgendaItem[] = [];
  for (const id of (data.order as string[] | undefined) ?? []) {
    const item = items.get(id);
    if (!item) return null;
    agenda.push(item);
  }
  return agenda;
}

/**
 * Applies one event; true for a question event (the view may announce it), null when it cannot apply
 * to what is held (nothing changed).
 */
function applyEvent(state: LiveState, event: SessionEvent, changes: Set<Change>): boolean | null {
  const data = (event.data ?? {}) as Record<string, unknown>;
  switch (event.type) {
    case 'agendaChanged':
      state.agenda = (data.items as AgendaItem[] | undefined) ?? [];
      changes.add('agenda');
      break;
    case 'agendaEdited': {
      const agenda = editAgenda(state.agenda, data);
      if (!agenda) return null;
      state.agenda = agenda;
      changes.add('agenda');
      break;
    }
    case 'currentItemChanged':
      state.currentItemId = (data.itemId as string | null | undefined) ?? null;
      changes.add('current');
      break;
    case 'sessionStatusChanged':
      state.session = { ...state.session, status: data.status as SessionStatus };
      changes.add('status');
      break;
    case 'sessionDetailsChanged':
      if (data.session) {
        state.session = data.session as SessionDetails;
        changes.add('details');
      }
      break;
    case 'timelineChanged':
      if (data.timeline) {
        state.timeline = data.timeline as Timeline;
        changes.add('timeline');
      }
      break;
    case 'presenceChanged':
      if (data.presence) {
        state.presence = data.presence as Presence;
        changes.add('presence');
      }
      break;
    case 'queueChanged':
    case 'speakerChanged':
    case 'floorLedgerChanged': {
      const change = applyFloorEvent(state.floor, event.type, data);
      if (change) changes.add(change);
      break;
    }
    case 'proceedingsPublished': {
      const published = data as Partial<ProceedingsPublished>;
      if (typeof published.version === 'number' && published.version > (state.proceedings?.version ?? 0)) {
        state.proceedings = published as ProceedingsPublished;
        changes.add('proceedings');
      }
      break;
    }
    default: {
      // Questions; events of later capabilities are ignored.
      const change = applyQuestionEvent(state.questions, event.type, data);
      if (change === null) return false;
      changes.add(change);
      return true;
    }
  }
  return false;
}

/** One hub connection, shared by the sessions this page follows. */
export class LiveClient {
  private readonly connection: HubConnection;
  private readonly trackers = new Map<string, SessionTracker>();
  private readonly topics = new Map<string, TopicTracker>();
  /** The archive (publications and takedowns of proceedings), when followed. */
  private readonly archive = new Map<string, AnnouncementTracker>();
  private state: ConnectionState = 'connecting';
  private stopped = false;
  private starting: Promise<void> | null = null;
  private readonly signedIn: boolean;
  private renewal: ReturnType<typeof setTimeout> | null = null;
  private quietRestart = false;

  constructor(token: string | null) {
    this.signedIn = !!token;
    // Each (re)connection asks for a working token: the hub closes a connection when its token expires.
    const options = token ? { accessTokenFactory: async () => (await freshToken()) ?? '' } : {};
    this.connection = new HubConnectionBuilder()
      .withUrl(HUB_URL, options)
      .withAutomaticReconnect(retryForever)
      .configureLogging(LogLevel.Warning)
      .build();

    this.connection.on('events', (batch: EventBatch) => {
      this.trackers.get(batch?.sessionId)?.enqueue({ kind: 'batch', batch });
    });
    this.connection.on('topicEvents', (batch: TopicEventBatch) => {
      this.topics.get(batch?.topic)?.enqueue({ kind: 'batch', batch });
    });
    this.connection.on('archiveEvents', (batch: ArchiveEventBatch) => {
      if (batch) this.archive.get(ARCHIVE)?.enqueue({ kind: 'batch', batch });
    });
    this.connection.onreconnecting(() => this.setState('reconnecting'));
    this.connection.onreconnected(() => {
      this.setState('connected');
      this.planRenewal();
      for (const feed of this.feeds()) feed.enqueue({ kind: 'rejoin' });
    });
    this.connection.onclose(() => {
      if (this.stopped) return;
      if (this.quietRestart) {
        // Our own restart with a renewed token: the page stays "connected", then rejoins and resyncs.
        this.quietRestart = false;
        void this.startWithRetry(true, true);
        return;
      }
      // Automatic reconnect never gives up, so this is a close the server asked for; start over.
      this.setState('reconnecting');
      void this.startWithRetry(true);
    });
  }

  get connectionState(): ConnectionState {
    return this.state;
  }

  /** Follows a session: joins it now (or once connected) and after every reconnect. */
  follow(sessionId: string, listener: SessionListener): SessionTracker {
    const tracker = new SessionTracker(sessionId, this.hubInvoke, listener);
    this.trackers.set(sessionId, tracker);
    this.join(tracker);
    return tracker;
  }

  unfollow(sessionId: string): void {
    this.leave(this.trackers, sessionId, 'LeaveSession');
  }

  /** Follows a policy topic: FollowTopic now (or once connected) and after every reconnect. */
  followTopic(slug: string, listener: TopicListener): TopicTracker {
    const tracker = new AnnouncementTracker(
      `topic ${slug}`,
      {
        follow: () => this.hubInvoke<TopicPosition>('FollowTopic', slug),
        resync: (epoch, lastSeq) => this.hubInvoke<TopicResync>('ResyncTopic', slug, epoch, lastSeq),
      },
      listener,
    );
    this.topics.set(slug, tracker);
    this.join(tracker);
    return tracker;
  }

  unfollowTopic(slug: string): void {
    this.leave(this.topics, slug, 'LeaveTopic');
  }

  /**
   * Follows the archive: FollowArchive now (or once connected) and after every reconnect;
   * `proceedingsPublished` and `proceedingsTakenDown` in seq order, ResyncArchive on a gap.
   */
  followArchive(listener: ArchiveListener): AnnouncementTracker {
    const tracker = new AnnouncementTracker(
      ARCHIVE,
      {
        follow: () => this.hubInvoke<FeedPosition>('FollowArchive'),
        resync: (epoch, lastSeq) => this.hubInvoke<FeedResync>('ResyncArchive', epoch, lastSeq),
      },
      listener,
    );
    this.archive.set(ARCHIVE, tracker);
    this.join(tracker);
    return tracker;
  }

  unfollowArchive(): void {
    const feed = this.archive.get(ARCHIVE);
    if (!feed) return;
    feed.close();
    this.archive.delete(ARCHIVE);
    if (this.connection.state === HubConnectionState.Connected) this.connection.invoke('LeaveArchive').catch(() => undefined);
  }

  private readonly hubInvoke: Invoke = (method, ...args) => this.connection.invoke(method, ...args);

  private feeds(): FeedTracker<Batch>[] {
    return [...this.trackers.values(), ...this.topics.values(), ...this.archive.values()];
  }

  private join(feed: FeedTracker<Batch>): void {
    feed.onConnection(this.state);
    switch (this.connection.state) {
      case HubConnectionState.Connected:
        feed.enqueue({ kind: 'join' });
        break;
      case HubConnectionState.Reconnecting:
        break; // onreconnected joins every followed feed
      default:
        void this.startWithRetry(false); // joins every followed feed once connected
    }
  }

  private leave(feeds: Map<string, FeedTracker<Batch>>, id: string, method: string): void {
    const feed = feeds.get(id);
    if (!feed) return;
    feed.close();
    feeds.delete(id);
    if (this.connection.state === HubConnectionState.Connected) this.connection.invoke(method, id).catch(() => undefined);
  }

  /**
   * Calls a hub method. The platform's refusal (a HubException) becomes a `HubRefusal` with its
   * message; any other failure (the connection closed before the answer came) an `Error`.
   */
  async invoke<T = unknown>(method: string, ...args: unknown[]): Promise<T> {
    if (this.connection.state !== HubConnectionState.Connected) throw new NotConnectedError();
    try {
      return await this.connection.invoke<T>(method, ...args);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      throw /HubException/.test(text) ? new HubRefusal(hubErrorMessage(error)) : new Error(hubErrorMessage(error));
    }
  }

  // The moderator's agenda edits: each is checked against the agenda as it stands on the
  // platform, so two moderators never undo each other's changes. Each returns the stored agenda.

  /** An item with an empty id: the platform gives it one. Appended when `beforeItemId` is null. */
  addAgendaItem(sessionId: string, item: AgendaItem, beforeItemId: string | null = null): Promise<AgendaItem[]> {
    return this.invoke('AddAgendaItem', sessionId, item, beforeItemId);
  }

  removeAgendaItem(sessionId: string, itemId: string): Promise<AgendaItem[]> {
    return this.invoke('RemoveAgendaItem', sessionId, itemId);
  }

  moveAgendaItem(sessionId: string, itemId: string, toIndex: number): Promise<AgendaItem[]> {
    return this.invoke('MoveAgendaItem', sessionId, itemId, toIndex);
  }

  setItemMinutes(sessionId: string, itemId: string, minutes: number): Promise<AgendaItem[]> {
    return this.invoke('SetItemMinutes', sessionId, itemId, minutes);
  }

  /** While live; when it is the current item, no item is current afterwards. */
  skipItem(sessionId: string, itemId: string): Promise<void> {
    return this.invoke('SkipItem', sessionId, itemId);
  }

  setCurrentItem(sessionId: string, itemId: string | null): Promise<void> {
    return this.invoke('SetCurrentItem', sessionId, itemId);
  }

  /** A signed-in participant follows from the room (true) or remotely; kept per connection. */
  setAttendance(sessionId: string, inRoom: boolean): Promise<void> {
    return this.invoke('SetAttendance', sessionId, inRoom);
  }

  // Questions (a signed-in participant; the moderators' commands are refused to anyone else).

  /** The same `clientRequestId` again gives the first answer and no second question. */
  askQuestion(sessionId: string, clientRequestId: string, text: string, anonymous: boolean): Promise<AskResult> {
    return this.invoke('AskQuestion', sessionId, clientRequestId, text, anonymous);
  }

  vote(sessionId: string, questionId: string, up: boolean): Promise<VoteResult> {
    return this.invoke(up ? 'Upvote' : 'RemoveUpvote', sessionId, questionId);
  }

  getQuestions(sessionId: string, order: QuestionOrder): Promise<QuestionBoardView> {
    return this.invoke('GetQuestions', sessionId, order);
  }

  approveQuestion(sessionId: string, questionId: string): Promise<void> {
    return this.invoke('ApproveQuestion', sessionId, questionId);
  }

  hideQuestion(sessionId: string, questionId: string, reason: string): Promise<void> {
    return this.invoke('HideQuestion', sessionId, questionId, reason);
  }

  /** The one being answered now; null: none. */
  highlightQuestion(sessionId: string, questionId: string | null): Promise<void> {
    return this.invoke('HighlightQuestion', sessionId, questionId);
  }

  markAnswered(sessionId: string, questionId: string): Promise<void> {
    return this.invoke('MarkAnswered', sessionId, questionId);
  }

  setPreModeration(sessionId: string, on: boolean): Promise<void> {
    return this.invoke('SetPreModeration', sessionId, on);
  }

  /** Every question with its asker, pending first. */
  getModerationQueue(sessionId: string): Promise<ModeratedQuestion[]> {
    return this.invoke('GetModerationQueue', sessionId);
  }

  // The speaking queue. A request's `clientRequestId` again gives the first answer and no second entry.

  requestFloor(sessionId: string, clientRequestId: string, kind: FloorKind, note: string | null, hub: RemoteHub | null): Promise<MyFloorEntry> {
    return hub
      ? this.invoke('RequestFloorForHub', sessionId, clientRequestId, kind, note, hub)
      : this.invoke('RequestFloor', sessionId, clientRequestId, kind, note);
  }

  withdrawFloor(sessionId: string, entryId: number): Promise<void> {
    return this.invoke('WithdrawFloor', sessionId, entryId);
  }

  /** Every waiting entry in order with who they are (moderators). */
  getFloorQueue(sessionId: string): Promise<FloorEntry[]> {
    return this.invoke('GetFloorQueue', sessionId);
  }

  addFloorEntry(sessionId: string, clientRequestId: string, entry: FloorEntryDraft): Promise<FloorEntry> {
    return this.invoke('AddFloorEntry', sessionId, clientRequestId, entry);
  }

  dismissFloorEntry(sessionId: string, entryId: number, reason: string): Promise<void> {
    return this.invoke('DismissFloorEntry', sessionId, entryId, reason);
  }

  suggestNextSpeaker(sessionId: string): Promise<FloorSuggestion | null> {
    return this.invoke('SuggestNextSpeaker', sessionId);
  }

  /** A reason is required unless the entry is the current suggestion. */
  giveFloor(sessionId: string, entryId: number, reason: string | null): Promise<Speech> {
    return this.invoke('GiveFloor', sessionId, entryId, reason);
  }

  endSpeech(sessionId: string): Promise<Speech> {
    return this.invoke('EndSpeech', sessionId);
  }

  setQueueOpen(sessionId: string, open: boolean): Promise<void> {
    return this.invoke('SetQueueOpen', sessionId, open);
  }

  startSession(sessionId: string): Promise<unknown> {
    return this.invoke('StartSession', sessionId);
  }

  endSession(sessionId: string): Promise<unknown> {
    return this.invoke('EndSession', sessionId);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.renewal) clearTimeout(this.renewal);
    for (const id of [...this.trackers.keys()]) this.unfollow(id);
    for (const slug of [...this.topics.keys()]) this.unfollowTopic(slug);
    this.unfollowArchive();
    await this.connection.stop().catch(() => undefined);
  }

  /**
   * The platform closes a connection when the token it was opened with expires. Shortly before that,
   * renew the token and open the connection again ourselves, quietly: the person notices nothing, and
   * the rejoin's resync brings whatever was said in between.
   */
  private planRenewal(): void {
    if (this.renewal) clearTimeout(this.renewal);
    this.renewal = null;
    const expiresAt = this.signedIn ? getAuth()?.expiresAt : undefined;
    if (!expiresAt) return;
    const wait = Math.max(5_000, Date.parse(expiresAt) - Date.now() - 45_000);
    this.renewal = setTimeout(() => void this.renewQuietly(), wait);
  }

  private async renewQuietly(): Promise<void> {
    this.renewal = null;
    if (this.stopped || this.connection.state !== HubConnectionState.Connected) return;
    // Signed out meanwhile: nothing to renew (the page follows the change of sign-in).
    if (!(await freshToken())) return;
    this.quietRestart = true;
    await this.connection.stop().catch(() => undefined);
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    for (const feed of this.feeds()) feed.onConnection(state);
  }

  /** The first connect (automatic reconnect covers only connections that once succeeded). */
  private startWithRetry(rejoin: boolean, quiet = false): Promise<void> {
    if (this.starting) return this.starting;
    this.starting = (async () => {
      for (let attempt = 0; !this.stopped; attempt++) {
        if (this.connection.state === HubConnectionState.Disconnected) {
          try {
            await this.connection.start();
          } catch (error) {
            console.warn('live: could not connect', error);
            this.setState(attempt === 0 && !rejoin ? 'connecting' : 'reconnecting');
            const delay = retryForever.nextRetryDelayInMilliseconds({
              previousRetryCount: attempt + 1,
              elapsedMilliseconds: 0,
              retryReason: error instanceof Error ? error : new Error(String(error)),
            })!;
            await new Promise((resolve) => setTimeout(resolve, delay));
            continue;
          }
        }
        if (this.stopped) return;
        if (this.connection.state !== HubConnectionState.Connected) {
          await new Promise((resolve) => setTimeout(resolve, 250));
          continue;
        }
        this.setState('connected');
        this.planRenewal();
        for (const feed of this.feeds()) feed.enqueue(feed.joined ? { kind: 'rejoin', quiet } : { kind: 'join' });
        return;
      }
    })().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }
}

/** The platform refused a call, saying why (a HubException's message). */
export class HubRefusal extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HubRefusal';
  }
}

export class NotConnectedError extends Error {
  constructor() {
    super('not connected');
    this.name = 'NotConnectedError';
  }
}
