// Who is signed in: the token from /api/auth/login, kept in localStorage.
const KEY = 'igf.auth';

export interface Auth {
  participantId: string;
  token: string;
  roles: string[];
  expiresAt?: string;
  displayName?: string;
  email?: string;
}

type Listener = (auth: Auth | null) => void;
const listeners = new Set<Listener>();

function read(): Auth | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const auth = JSON.parse(raw) as Auth;
    if (!auth.token || !auth.participantId) return null;
    if (auth.expiresAt && Date.parse(auth.expiresAt) <= Date.now()) {
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
