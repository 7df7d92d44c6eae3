// The speaking queue as one client holds it: the floor as everyone sees it (the line in the
// policy's order, the speech now, the balance ledger) and the person's own request. Built from a
// snapshot's `floor` and `myFloorEntry` and kept up to date by the floor events of the session's
// history. Each event carries the whole of what it is about (the whole line, the speech, the
// ledger), so applying one again changes nothing.
import type { FloorLedger, FloorView, MyFloorEntry, QueuedEntry, Speech } from './types';

export interface FloorState {
  /** Null when the platform sent no floor (then floor events are ignored). */
  view: FloorView | null;
  /** The person's waiting entry or speech. */
  mine: MyFloorEntry | null;
  /** How the person's last entry left the line, when a moderator or the person took it out. */
  left: { entryId: number; outcome: string } | null;
}

export type FloorChange = 'queue' | 'speaker' | 'ledger';

export const fromSnapshot = (view: FloorView | null | undefined, mine: MyFloorEntry | null | undefined): FloorState => ({
  view: view ?? null,
  mine: mine ?? null,
  left: null,
});

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isSpeech = (value: unknown): value is Speech =>
  isObject(value) && typeof value.entryId === 'number' && typeof value.startedAt === 'string' && typeof value.name === 'string';

/** The person's own entry from the answer to RequestFloor (null when it no longer waits nor speaks). */
export function takeMine(state: FloorState, mine: MyFloorEntry): void {
  state.left = null;
  state.mine = mine.speaking || mine.position > 0 ? mine : null;
  // The answer may come before the push that puts the entry in the line: place it from the order when it is there.
  const at = state.view?.order.indexOf(mine.entryId) ?? -1;
  if (state.mine && !state.mine.speaking && at >= 0) state.mine = { ...state.mine, position: at + 1 };
}

/** Applies one floor event; returns what it changed (null for another type, a malformed one, or no floor). */
export function applyFloorEvent(state: FloorState, type: string, data: Record<string, unknown>): FloorChange | null {
  const view = state.view;
  if (!view) return null;
  switch (type) {
    case 'queueChanged': {
      if (!Array.isArray(data.order) || !Array.isArray(data.head)) return null;
      const order = data.order as number[];
      view.open = data.open !== false;
      view.waiting = typeof data.waiting === 'number' ? data.waiting : order.length;
      view.order = order;
      view.head = data.head as QueuedEntry[];
      const mine = state.mine;
      if (mine) {
        const closed = Array.isArray(data.closed)
          ? (data.closed as { entryId: number; outcome: string }[]).find((c) => c?.entryId === mine.entryId)
          : undefined;
        const at = order.indexOf(mine.entryId);
        if (closed && closed.outcome !== 'spoke') {
          state.mine = null;
          state.left = { entryId: mine.entryId, outcome: closed.outcome };
        } else if (!mine.speaking && at >= 0) {
          state.mine = { ...mine, position: at + 1, waiting: view.waiting };
        } else if (!mine.speaking && closed) {
          state.mine = { ...mine, position: 0 }; // given the floor: the speech follows
        }
      }
      return 'queue';
    }
    case 'speakerChanged': {
      const current = isSpeech(data.current) ? data.current : null;
      view.current = current;
      const mine = state.mine;
      if (mine && current?.entryId === mine.entryId) state.mine = { ...mine, speaking: true, position: 0 };
      else if (mine?.speaking) state.mine = null; // their speech has ended
      return 'speaker';
    }
    case 'floorLedgerChanged': {
      if (!isObject(data.ledger) || !isObject(data.ledger.byGroup)) return null;
      view.ledger = data.ledger as unknown as FloorLedger;
      return 'ledger';
    }
    default:
      return null;
  }
}
