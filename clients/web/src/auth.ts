// Who is signed in: the short-lived access token from /api/auth/login and the refresh token that
// renews it, kept in localStorage (shared by the person's tabs).
import type { LoginResult } from './types';

const KEY = 'igf.auth';
const REFRESH_LOCK = 'igf.auth.refresh';

export interface Auth {
  participantId: string;
  token: string;
  roles: string[];
  expiresAt?: string;
  /** Works once: each renewal gives the next one. */
  refreshToken?: string;
  refreshExpiresAt?: string;
  displayName?: string;
  email?: string;
}

/** The stored sign-in from the platform's answer, keeping what the person is shown as. */
export function authFrom(result: LoginResult, who: { displayName?: string; email?: string } = {}): Auth {
  return {
    participantId: result.participantId,
    token: result.token,
    roles: result.roles,
    expiresAt: result.expiresAt,
    refreshToken: result.refreshToken,
    refreshExpiresAt: result.refreshExpiresAt,
    ...who,
  };
}

type Listener = (auth: Auth | null) => void;
const listeners = new Set<Listener>();

function read(): Auth | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const auth = JSON.parse(raw) as Auth;
    if (!auth.token || !auth.participantId) return null;
    // Signed in while the access token works, or while the refresh token can renew it.
    const until = auth.refreshToken ? auth.refreshExpiresAt : auth.expiresAt;
    if (until && Date.parse(until) <= Date.now()) {
      localStorage.removeItem(KEY);
      return null;
    }
    return auth;
  } catch {
    return null;
  }
}

/** The signed-in person, or null when anonymous (or the token expired). */
export function getAuth(): Auth | null {
  return read();
}

/** Whether the access token expires within the minute (renewed then, before a call can fail). */
function expiring(auth: Auth): boolean {
  return !!auth.expiresAt && Date.parse(auth.expiresAt) - Date.now() <= 60_000;
}

let renewing: Promise<string | null> | null = null;

/**
 * A working access token for the signed-in person, renewed first when it is about to expire; null when
 * anonymous or the sign-in has ended. Tabs take turns (Web Locks): a refresh token presented twice would
 * end the sign-in.
 */
export function freshToken(force = false): Promise<string | null> {
  const auth = read();
  if (!auth) return Promise.resolve(null);
  if (!auth.refreshToken) {
    if (force) setAuth(null);
    return Promise.resolve(force ? null : auth.token);
  }
  if (!force && !expiring(auth)) return Promise.resolve(auth.token);
  const stale = auth.token;
  const run = () => renew(force ? stale : null);
  renewing ??= (navigator.locks ? navigator.locks.request(REFRESH_LOCK, run) : run()).finally(() => {
    renewing = null;
  });
  return renewing;
}

/** Renews when the token is expiring, or is still `refused` (the platform refused it). */
async function renew(refused: string | null): Promise<string | null> {
  // Another tab may have renewed while this one waited for the lock.
  const auth = read();
  if (!auth?.refreshToken) return auth?.token ?? null;
  if (auth.token !== refused && !expiring(auth)) return auth.token;
  let response: Response;
  try {
    response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken: auth.refreshToken }),
    });
  } catch {
    // Offline: keep the sign-in and try again on the next call.
    return auth.token;
  }
  if (response.status === 401) {
    setAuth(null);
    return null;
  }
  if (!response.ok) return auth.token;
  const result = (await response.json()) as LoginResult;
  setAuth(authFrom(result, { displayName: auth.displayName, email: auth.email }));
  return result.token;
}

/** Signs out here: the platform ends this sign-in (its tokens and connections), then it is forgotten. */
export async function signOut(): Promise<void> {
  const token = read()?.token;
  if (token) {
    try {
      await fetch('/api/auth/logout', { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    } catch {
      // Offline: the sign-in still ends when its refresh token expires; this device forgets it now.
    }
  }
  setAuth(null);
}

export function setAuth(auth: Auth | null): void {
  if (auth) localStorage.setItem(KEY, JSON.stringify(auth));
  else localStorage.removeItem(KEY);
  for (const l of listeners) l(auth);
}

export function onAuthChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// Another tab signed in or out.
window.addEventListener('storage', (e) => {
  if (e.key === KEY || e.key === null) {
    const auth = read();
    for (const l of listeners) l(auth);
  }
});
