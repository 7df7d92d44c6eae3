// The agenda in time between the platform's pushes. The platform pushes the timeline after every
// change and whenever an overrunning item moves the expected end by a minute; in between, this
// moves what remains later in the same whole minutes, from the timeline's `computedAt`.
import type { AgendaItem, Timeline } from './types';

const MINUTE = 60_000;

export interface Extrapolated {
  timeline: Timeline;
  /** When (on the platform's clock) the extrapolation moves by the next minute; null when it never does. */
  nextChangeAt: number | null;
}

/**
 * The timeline at `now` (the platform's clock, ms). While live, the current item is expected to
 * end at its start plus its minutes or now, whichever is later, and the upcoming items follow it;
 * with no current item, the upcoming ones start now at the earliest.
 */
export function extrapolate(timeline: Timeline, agenda: readonly AgendaItem[], live: boolean, now: number): Extrapolated {
  if (!live) return { timeline, nextChangeAt: null };
  const current = timeline.items.find((i) => i.status === 'current');
  let anchor: number; // what the platform expected at computedAt: the current item's end, or the next start
  let floor: number; // the earliest that end can be
  if (current) {
    const minutes = agenda.find((a) => a.id === current.itemId)?.minutes ?? 0;
    anchor = Date.parse(current.expectedEnd);
    floor = Date.parse(current.actualStart ?? current.expectedStart) + minutes * MINUTE;
  } else {
    const starts = timeline.items.filter((i) => i.status === 'upcoming').map((i) => Date.parse(i.expectedStart));
    if (starts.length === 0) return { timeline, nextChangeAt: null };
    anchor = floor = Math.min(...starts);
  }
  if (!Number.isFinite(anchor) || !Number.isFinite(floor)) return { timeline, nextChangeAt: null };

  const shift = Math.max(0, Math.floor((Math.max(floor, now) - anchor) / MINUTE));
  const nextChangeAt = Math.max(floor, anchor + (shift + 1) * MINUTE);
  if (shift === 0) return { timeline, nextChangeAt };
  const later = (iso: string): string => new Date(Date.parse(iso) + shift * MINUTE).toISOString();
  return {
    timeline: {
      ...timeline,
      expectedEnd: later(timeline.expectedEnd),
      runningLateMinutes: timeline.runningLateMinutes + shift,
      items: timeline.items.map((i) =>
        i.status === 'upcoming'
          ? { ...i, expectedStart: later(i.expectedStart), expectedEnd: later(i.expectedEnd) }
          : i.status === 'current'
            ? { ...i, expectedEnd: later(i.expectedEnd) }
            : i,
      ),
    },
    nextChangeAt,
  };
}
