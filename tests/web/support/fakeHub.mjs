// A scripted stand-in for the platform, for testing the web client's live protocol where the real
// server cannot be made to misbehave on cue: gaps in seq, a new epoch, duplicate batches, dropped
// connections, slow resyncs, a timeline computed a while ago. It serves the built web app
// (clients/web/dist), the two session routes of the HTTP API (and whatever others a test scripts in
// `routes`), and /hubs/forum speaking SignalR's JSON protocol over WebSockets.
import { existsSync, readFileSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import WebSocket from 'ws';
import { repoRoot } from './platform.mjs';

const RS = '\x1e';
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export const distDir = process.env.IGF_WEB_DIST || path.join(repoRoot, 'clients', 'web', 'dist');

export class FakePlatform {
  /** @param {{session: object, agenda: object[], currentItemId?: string|null, timeline?: object|null, presence?: object|null, questions?: object|null, floor?: object|null, myFloorEntry?: object|null}} initial */
  constructor(initial) {
    this.session = initial.session;
    this.agenda = initial.agenda;
    this.currentItemId = initial.currentItemId ?? null;
    this.timeline = initial.timeline ?? null;
    this.presence = initial.presence ?? null;
    /** The snapshot's `questions` (a QuestionBoardView), as the platform gives it to this caller. */
    this.questions = initial.questions ?? null;
    /** The snapshot's `floor` (a FloorView) and `myFloorEntry`; left out of the snapshot when undefined. */
    this.floor = initial.floor;
    this.myFloorEntry = initial.myFloorEntry;
    /** Scripted answers of other hub methods: method → (args, socket) => result (throw for a refusal). */
    this.handlers = {};
    /** Scripted GET routes of the HTTP API: path → () => body (200, JSON). */
    this.routes = {};
    /** Every HTTP API request, in order: {path, at}. */
    this.requests = [];
    this.epoch = 1;
    this.seq = 0;
    /** The events of the current epoch, all of them (the fake's "ring buffer"). */
    this.log = [];
    /** Every hub invocation: {method, args, at}. */
    this.calls = [];
    this.sockets = new Set();
    this.resyncDelayMs = 0;
    this.resyncInFlight = 0;
    this.maxResyncInFlight = 0;
    /** When false, Resync answers with a snapshot even when it could give events. */
    this.resyncGivesEvents = true;
  }

  snapshot() {
    return {
      session: this.session,
      agenda: this.agenda,
      currentItemId: this.currentItemId,
      epoch: this.epoch,
      seq: this.seq,
      timeline: this.timeline,
      presence: this.presence,
      questions: this.questions,
      floor: this.floor,
      myFloorEntry: this.myFloorEntry,
    };
  }

  /** Records an event (the state changes) and returns it; `push` sends it to every socket. */
  record(type, data) {
    const event = { seq: ++this.seq, at: new Date().toISOString(), type, data };
    this.log.push(event);
    if (type === 'agendaChanged') this.agenda = data.items;
    if (type === 'agendaEdited') {
      const items = new Map([...this.agenda, ...data.items].map((i) => [i.id, i]));
      this.agenda = data.order.map((id) => items.get(id));
    }
    if (type === 'currentItemChanged') this.currentItemId = data.itemId;
    if (type === 'sessionStatusChanged') this.session = { ...this.session, status: data.status };
    if (type === 'timelineChanged') this.timeline = data.timeline;
    if (type === 'presenceChanged') this.presence = data.presence;
    if (this.floor && type === 'queueChanged') this.floor = { ...this.floor, open: data.open, waiting: data.waiting, order: data.order, head: data.head };
    if (this.floor && type === 'speakerChanged') this.floor = { ...this.floor, current: data.current };
    if (this.floor && type === 'floorLedgerChanged') this.floor = { ...this.floor, ledger: data.ledger };
    return event;
  }

  push(events, { epoch = this.epoch } = {}) {
    const batch = {
      sessionId: this.session.id,
      epoch,
      fromSeq: events[0].seq,
      toSeq: events[events.length - 1].seq,
      events,
    };
    this.broadcast({ type: 1, target: 'events', arguments: [batch] });
  }

  /** Records an event and pushes it. */
  emit(type, data) {
    const event = this.record(type, data);
    this.push([event]);
    return event;
  }

  /** A new epoch (as after the session's writer lost its buffer): seq starts again. */
  newEpoch() {
    this.epoch += 1;
    this.seq = 0;
    this.log = [];
  }

  broadcast(message) {
    const text = JSON.stringify(message) + RS;
    for (const socket of this.sockets) if (socket.joined) socket.send(text);
  }

  /** Closes every hub connection abruptly, as a network drop would. */
  dropConnections() {
    for (const socket of this.sockets) socket.terminate();
  }

  callsOf(method) {
    return this.calls.filter((c) => c.method === method);
  }

  async invoke(socket, method, args) {
    this.calls.push({ method, args, at: Date.now() });
    switch (method) {
      case 'JoinSession':
        if (args[0] !== this.session.id) throw new Error(`There is no session '${args[0]}'.`);
        socket.joined = true;
        return this.snapshot();
      case 'LeaveSession':
        socket.joined = false;
        return null;
      case 'SetAttendance':
        if (!socket.joined) throw new Error('HubException: Join the session before saying where you follow it from.');
        return null;
      case 'Resync': {
        const [sessionId, epoch, lastSeq] = args;
        this.resyncInFlight += 1;
        this.maxResyncInFlight = Math.max(this.maxResyncInFlight, this.resyncInFlight);
        try {
          if (this.resyncDelayMs) await new Promise((r) => setTimeout(r, this.resyncDelayMs));
          const canFill = this.resyncGivesEvents && epoch === this.epoch && lastSeq <= this.seq;
          return canFill
            ? { sessionId, epoch: this.epoch, events: this.log.filter((e) => e.seq > lastSeq), snapshot: null }
            : { sessionId, epoch: this.epoch, events: null, snapshot: this.snapshot() };
        } finally {
          this.resyncInFlight -= 1;
        }
      }
      default:
        if (this.handlers[method]) return this.handlers[method](args, socket);
        throw new Error(`HubException: the fake has no method ${method}`);
    }
  }

  async start() {
    if (!existsSync(path.join(distDir, 'index.html'))) {
      throw new Error(`The web app is not built: ${distDir}/index.html is missing (npm run build in clients/web).`);
    }
    this.http = http.createServer((req, res) => this.serve(req, res));
    this.wss = new WebSocket.Server({ noServer: true });
    this.http.on('upgrade', (req, socket, head) => {
      if (!req.url.startsWith('/hubs/forum')) return socket.destroy();
      this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
    });
    await new Promise((resolve) => this.http.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${this.http.address().port}`;
    return this;
  }

  accept(ws) {
    this.sockets.add(ws);
    let handshaken = false;
    let buffer = '';
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', async (raw) => {
      buffer += raw.toString();
      let end;
      while ((end = buffer.indexOf(RS)) >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 1);
        const message = JSON.parse(frame);
        if (!handshaken) {
          handshaken = true;
          ws.send(`{}${RS}`);
          continue;
        }
        if (message.type === 6) continue; // ping
        if (message.type === 7) return ws.close(); // close
        if (message.type !== 1) continue;
        const { invocationId, target } = message;
        try {
          const result = await this.invoke(ws, target, message.arguments ?? []);
          if (invocationId) ws.send(JSON.stringify({ type: 3, invocationId, result }) + RS);
        } catch (error) {
          if (invocationId) ws.send(JSON.stringify({ type: 3, invocationId, error: error.message }) + RS);
        }
      }
    });
  }

  serve(req, res) {
    const url = new URL(req.url, this.baseUrl);
    const json = (status, body) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/hubs/forum/negotiate') {
      const id = Math.random().toString(36).slice(2);
      return json(200, {
        negotiateVersion: 1,
        connectionId: id,
        connectionToken: id,
        availableTransports: [{ transport: 'WebSockets', transferFormats: ['Text', 'Binary'] }],
      });
    }
    if (url.pathname.startsWith('/api/')) this.requests.push({ path: url.pathname, at: Date.now() });
    if (this.routes[url.pathname]) return json(200, this.routes[url.pathname]());
    if (url.pathname === '/api/sessions') {
      const { description, descriptions, moderators, startedAt, endedAt, ...summary } = this.session;
      return json(200, [summary]);
    }
    if (url.pathname === `/api/sessions/${this.session.id}`) return json(200, this.session);
    if (url.pathname.startsWith('/api/')) return json(404, { title: 'Not Found', status: 404 });
    const file = path.join(distDir, path.normalize(url.pathname).replace(/^(\.\.[/\\])+/, ''));
    const isFile = statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
    const chosen = isFile ? file : path.join(distDir, 'index.html');
    try {
      const body = readFileSync(chosen);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(chosen)] ?? 'application/octet-stream' });
      res.end(body);
    } catch {
      res.writeHead(404);
      res.end();
    }
  }

  async stop() {
    for (const socket of this.sockets) socket.terminate();
    await new Promise((resolve) => this.wss?.close(resolve) ?? resolve());
    await new Promise((resolve) => this.http?.close(resolve) ?? resolve());
  }
}

export function demoSession(id = 'fake-live') {
  return {
    id,
    title: 'Fake live session',
    titles: { en: 'Fake live session' },
    type: 'workshop',
    status: 'live',
    topics: ['spam'],
    startsAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    durationMinutes: 90,
    description: 'A session the protocol tests script.',
    descriptions: {},
    moderators: [],
    startedAt: new Date(Date.now() - 30 * 60_000).toISOString(),
    endedAt: null,
  };
}
