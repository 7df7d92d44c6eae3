// A session's questions as one client holds them: the visible ones (approved or answered), the
// person's own (any status, with the reason when hidden), their upvotes, and whether questions are
// reviewed before they are shown. Built from a snapshot's `questions` and kept up to date by the
// question events of the session's history; every event is applied idempotently, because the
// snapshot's questions are read just after the point in the history it names.
import type { OwnQuestion, QuestionBoardView, QuestionOrder, QuestionStatus, QuestionView } from './types';

export interface QuestionsState {
  /** Visible to everyone: approved and answered. */
  visible: Map<string, QuestionView>;
  /** The person's own questions, with their name even when asked anonymously. */
  mine: Map<string, OwnQuestion>;
  myVotes: Set<string>;
  preModeration: boolean;
  /** How many wait for review; known from the first `moderationQueueChanged`. */
  pending: number | null;
}

export function fromBoard(board: QuestionBoardView | null | undefined): QuestionsState {
  return {
    visible: new Map((board?.questions ?? []).map((q) => [q.id, q])),
    mine: new Map((board?.mine ?? []).map((m) => [m.question.id, m])),
    myVotes: new Set(board?.myVotes ?? []),
    preModeration: board?.preModeration ?? false,
    pending: null,
  };
}

const isQuestion = (q: unknown): q is QuestionView =>
  typeof q === 'object' && q !== null && typeof (q as QuestionView).id === 'string' && typeof (q as QuestionView).text === 'string';

export const isVisible = (status: QuestionStatus): boolean => status === 'approved' || status === 'answered';

/** The public view of a question (the asker's own view carries their name even when anonymous). */
export const publicView = (q: QuestionView): QuestionView => (q.anonymous ? { ...q, askerName: null } : q);

/** A visible question, new or changed: in the list, and in the asker's own (keeping their name). */
export function upsertVisible(state: QuestionsState, q: QuestionView): void {
  if (q.highlighted) clearHighlight(state, q.id);
  state.visible.set(q.id, publicView(q));
  const own = state.mine.get(q.id);
  if (own) state.mine.set(q.id, { question: { ...q, askerName: own.question.askerName ?? q.askerName }, hiddenReason: null });
}

function clearHighlight(state: QuestionsState, except: string): void {
  for (const [id, v] of state.visible) if (v.highlighted && id !== except) state.visible.set(id, { ...v, highlighted: false });
  for (const [id, m] of state.mine) {
    if (m.question.highlighted && id !== except) state.mine.set(id, { ...m, question: { ...m.question, highlighted: false } });
  }
}

export type QuestionChange = 'questions' | 'votes' | 'moderation';

/** Applies one question event; returns what it changed (null for another type or a malformed one). */
export function applyQuestionEvent(state: QuestionsState, type: string, data: Record<string, unknown>): QuestionChange | null {
  switch (type) {
    case 'questionAdded': {
      if (!isQuestion(data.question)) return null;
      upsertVisible(state, data.question);
      return 'questions';
    }
    case 'questionUpdated': {
      const id = data.questionId;
      if (typeof id !== 'string') return null;
      if (isQuestion(data.question)) {
        upsertVisible(state, data.question);
        return 'questions';
      }
      // Pending or hidden: gone from the list; its asker learns the status (the reason they fetch).
      state.visible.delete(id);
      const own = state.mine.get(id);
      if (own) {
        const status = (data.status as QuestionStatus | undefined) ?? own.question.status;
        const highlighted = data.highlighted === true;
        state.mine.set(id, {
          question: { ...own.question, status, highlighted },
          hiddenReason: status === 'hidden' && own.question.status === 'hidden' ? own.hiddenReason : null,
        });
      }
      return 'questions';
    }
    case 'questionVotesChanged': {
      const votes = data.votes;
      if (typeof votes !== 'object' || votes === null) return null;
      for (const [id, count] of Object.entries(votes as Record<string, number>)) setVotes(state, id, count);
      return 'votes';
    }
    case 'moderationQueueChanged': {
      if (typeof data.preModeration === 'boolean') state.preModeration = data.preModeration;
      if (typeof data.pending === 'number') state.pending = data.pending;
      return 'moderation';
    }
    default:
      return null;
  }
}

export function setVotes(state: QuestionsState, id: string, count: number): void {
  if (typeof count !== 'number') return;
  const v = state.visible.get(id);
  if (v) state.visible.set(id, { ...v, upvotes: count });
  const own = state.mine.get(id);
  if (own) state.mine.set(id, { ...own, question: { ...own.question, upvotes: count } });
}

const askedAt = (q: QuestionView): number => Date.parse(q.askedAt) || 0;

/** As the platform orders them: most votes first (older first among equals), or newest first. */
export function ordered(questions: Iterable<QuestionView>, order: QuestionOrder): QuestionView[] {
  const list = [...questions];
  return order === 'votes'
    ? list.sort((a, b) => b.upvotes - a.upvotes || askedAt(a) - askedAt(b))
    : list.sort((a, b) => askedAt(b) - askedAt(a));
}
