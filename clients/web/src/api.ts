// The platform's HTTP API (JSON, camelCase; errors are RFC 9457 problem details).
import { freshToken } from './auth';
import type {
  Consultation,
  ConsultationListItem,
  ConsultationSummary,
  Contribution,
  LoginResult,
  Me,
  NewContribution,
  ProblemDetails,
  SessionDetails,
  SessionFilters,
  SessionSummary,
  StakeholderGroupFigures,
  Topic,
  TopicDetails,
  TopicFollowers,
  FloorSettings,
  FloorView,
  ParticipantSummary,
  Registration,
  RoleClash,
  SessionInput,
  SessionWithWarnings,
} from './types';
import { t } from './i18n';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: ProblemDetails | null,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Sends a request to the platform; rejects with an `ApiError` (the problem's own words) when refused. */
export async function send(path: string, init: RequestInit = {}, withAuth = true): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  const token = withAuth ? await freshToken() : null;
  if (token) headers.set('Authorization', `Bearer ${token}`);

  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
    if (response.status === 401 && token) {
      // The sign-in ended elsewhere (signed out everywhere, or the token is no longer accepted): renew
      // once, or go on signed out, and ask again.
      const renewed = await freshToken(true);
      if (renewed) headers.set('Authorization', `Bearer ${renewed}`);
      else headers.delete('Authorization');
      response = await fetch(path, { ...init, headers });
    }
  } catch {
    throw new ApiError(0, null, t('app.error.network'));
  }
  if (!response.ok) {
    let problem: ProblemDetails | null = null;
    try {
      problem = (await response.json()) as ProblemDetails;
    } catch {
      problem = null;
    }
    const fieldErrors = problem?.errors ? Object.values(problem.errors).flat().join(' ') : '';
    const message =
      problem?.detail || fieldErrors || problem?.title || `${response.status} ${response.statusText}`;
    throw new ApiError(response.status, problem, message);
  }
  return response;
}

export async function request<T>(path: string, init: RequestInit = {}, withAuth = true): Promise<T> {
  const response = await send(path, init, withAuth);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** The calendar, filtered by the platform (values in the contract's camelCase spelling). */
export function getSessions(filters: SessionFilters = {}): Promise<SessionSummary[]> {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) query.set(name, value);
  const qs = query.toString();
  return request(qs ? `/api/sessions?${qs}` : '/api/sessions');
}

export const getTopics = (): Promise<Topic[]> => request('/api/topics');

/** The session and its agenda as an iCalendar file (times in UTC). */
export const agendaIcsUrl = (id: string): string => `/api/sessions/${encodeURIComponent(id)}/agenda.ics`;

export const getSession = (id: string): Promise<SessionDetails> =>
  request(`/api/sessions/${encodeURIComponent(id)}`);

export const login = (email: string, password: string): Promise<LoginResult> =>
  request('/api/auth/login', { method: 'POST', body: JSON.stringify({ email, password }) }, false);

export const getMe = (): Promise<Me> => request('/api/me');
/** Organizers: a short pass (a cookie for the dashboard's path only) to open the Orleans dashboard. */
export const openDashboardSession = (): Promise<{ url: string; expiresAt: string }> =>
  request('/api/admin/dashboard-session', { method: 'POST' });

/** The platform's own words for a refusal: its detail and each field's message. */
export function problemText(error: unknown): string {
  if (!(error instanceof ApiError)) return (error as Error)?.message ?? String(error);
  const fields = error.problem?.errors ? Object.values(error.problem.errors).flat() : [];
  const detail = error.problem?.detail ?? '';
  return [detail, ...fields.filter((f) => f !== detail)].filter(Boolean).join(' ') || error.message;
}

const seg = encodeURIComponent;

export const getTopicDetails = (): Promise<TopicDetails[]> => request('/api/topics');
export const getTopic = (slug: string): Promise<TopicDetails> => request(`/api/topics/${seg(slug)}`);
export const getFollowers = (slug: string): Promise<TopicFollowers> => request(`/api/topics/${seg(slug)}/followers`);
export const setFollowing = (slug: string, follow: boolean): Promise<TopicFollowers> =>
  request(`/api/topics/${seg(slug)}/follow`, { method: follow ? 'PUT' : 'DELETE' });
export const getTopicConsultations = (slug: string): Promise<ConsultationListItem[]> =>
  request(`/api/topics/${seg(slug)}/consultations`);

export const getStakeholderGroups = (): Promise<StakeholderGroupFigures[]> => request('/api/stakeholder-groups');
export const getStakeholderGroup = (group: string): Promise<StakeholderGroupFigures> =>
  request(`/api/stakeholder-groups/${seg(group)}`);

export const getConsultation = (id: string): Promise<Consultation> => request(`/api/consultations/${seg(id)}`);
export const getContributions = (id: string): Promise<Contribution[]> =>
  request(`/api/consultations/${seg(id)}/contributions`);
export const getConsultationSummary = (id: string): Promise<ConsultationSummary> =>
  request(`/api/consultations/${seg(id)}/summary`);
export const contribute = (id: string, body: NewContribution): Promise<Contribution> =>
  request(`/api/consultations/${seg(id)}/contributions`, { method: 'POST', body: JSON.stringify(body) });
export const reportContribution = (id: string, cid: string): Promise<{ contributionId: string; reports: number; status: string }> =>
  request(`/api/consultations/${seg(id)}/contributions/${seg(cid)}/reports`, { method: 'POST' });

// Sign-up and the organizer's console.
export const register = (registration: Registration): Promise<LoginResult> =>
  request('/api/auth/register', { method: 'POST', body: JSON.stringify(registration) }, false);
export const createSession = (input: SessionInput): Promise<SessionDetails> =>
  request('/api/sessions', { method: 'POST', body: JSON.stringify(input) });
export const updateSession = (id: string, input: Partial<SessionInput>): Promise<SessionDetails> =>
  request(`/api/sessions/${seg(id)}`, { method: 'PATCH', body: JSON.stringify(input) });
export const scheduleSession = (id: string): Promise<SessionDetails> =>
  request(`/api/sessions/${seg(id)}/schedule`, { method: 'POST' });
export const setModerators = (id: string, participantIds: string[]): Promise<SessionWithWarnings> =>
  request(`/api/sessions/${seg(id)}/moderators`, { method: 'PUT', body: JSON.stringify({ participantIds }) });
export const getWarnings = (id: string): Promise<RoleClash[]> => request(`/api/sessions/${seg(id)}/warnings`);
export const findParticipant = (email: string): Promise<ParticipantSummary> =>
  request(`/api/participants?email=${encodeURIComponent(email)}`);
export const getParticipant = (id: string): Promise<ParticipantSummary> => request(`/api/participants/${seg(id)}`);
export const getFloorView = (id: string): Promise<FloorView> => request(`/api/sessions/${seg(id)}/floor`);
export const setFloorSettings = (id: string, settings: FloorSettings): Promise<FloorSettings> =>
  request(`/api/sessions/${seg(id)}/floor/settings`, { method: 'PUT', body: JSON.stringify(settings) });
