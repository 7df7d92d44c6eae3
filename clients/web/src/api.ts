// The platform's HTTP API (JSON, camelCase; errors are RFC 9457 problem details).
import { getAuth } from './auth';
import type { LoginResult, Me, ProblemDetails, SessionDetails, SessionFilters, SessionSummary, Topic } from './types';
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

async function request<T>(path: string, init: RequestInit = {}, withAuth = true): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Accept', 'application/json');
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  const token = withAuth ? getAuth()?.token : undefined;
  if (token) headers.set('Authorization', `Bearer ${token}`);

  let response: Response;
  try {
    response = await fetch(path, { ...init, headers });
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
