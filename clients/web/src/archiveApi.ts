// The proceedings (the moderators' draft, publishing) and the public archive over HTTP. Loaded with
// the pages that use it, not in the first download.
import { request, send } from './api';
import type {
  ArchivePage,
  ArchiveQuery,
  ProceedingsDraft,
  ProceedingsText,
  ProceedingsVersionInfo,
  RenderedText,
} from './types';

const seg = encodeURIComponent;

export const draftUrl = (sessionId: string): string => `/api/sessions/${seg(sessionId)}/proceedings/draft`;

export const getDraft = (sessionId: string): Promise<ProceedingsDraft> => request(draftUrl(sessionId), { cache: 'no-store' });

/** 409 when someone saved since `revision`; 400 with field errors (`summary`, `takeaways[0]`, …). */
export const saveDraft = (sessionId: string, text: ProceedingsText, revision: number): Promise<ProceedingsDraft> =>
  request(draftUrl(sessionId), { method: 'PUT', body: JSON.stringify({ text, revision }) });

/** Freezes the saved draft into the next version; a note is required from version 2 on. */
export const publishProceedings = (sessionId: string, note: string | null): Promise<ProceedingsVersionInfo> =>
  request(`/api/sessions/${seg(sessionId)}/proceedings/versions`, { method: 'POST', body: JSON.stringify({ note }) });

// ---- public ------------------------------------------------------------------------------------

/** The bytes of a version exactly as published (`latest`: the latest that is not taken down). */
export const versionUrl = (sessionId: string, version: number | 'latest'): string =>
  version === 'latest' ? `/api/archive/${seg(sessionId)}/latest` : `/api/archive/${seg(sessionId)}/v/${version}`;

export const pageUrl = (sessionId: string, version?: number): string =>
  version === undefined ? `/archive/${seg(sessionId)}` : `/archive/${seg(sessionId)}/v/${version}`;

export const EXPORTS = {
  json: '/api/archive/export.json',
  csv: '/api/archive/export.csv',
  atom: '/api/archive/feed.atom',
} as const;

/** The chain, version 1 first. `fresh`: past every cache (for verifying). */
export const getVersions = (sessionId: string, fresh = false): Promise<ProceedingsVersionInfo[]> =>
  request(`/api/archive/${seg(sessionId)}/versions`, fresh ? { cache: 'no-store' } : {}, false);

/**
 * A version's bytes, untouched (its SHA-256 is the chain's hash). Rejects with an `ApiError`: 404,
 * 410 when taken down (with the `hash`), 500 when storage no longer holds what was published.
 */
export async function getVersionBytes(sessionId: string, version: number | 'latest', fresh = false): Promise<ArrayBuffer> {
  const response = await send(versionUrl(sessionId, version), fresh ? { cache: 'no-store' } : {}, false);
  return response.arrayBuffer();
}

export const getRendered = (sessionId: string, version: number): Promise<RenderedText> =>
  request(`${versionUrl(sessionId, version)}/rendered`, {}, false);

/** A query as the platform takes it (only the parts that are set). */
export function archiveSearch(query: ArchiveQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of ['q', 'topic', 'group', 'year', 'type'] as const) {
    const value = query[name]?.trim();
    if (value) params.set(name, value);
  }
  if (query.page && query.page > 1) params.set('page', String(query.page));
  return params;
}

export function searchArchive(query: ArchiveQuery): Promise<ArchivePage> {
  const qs = archiveSearch(query).toString();
  return request(qs ? `/api/archive?${qs}` : '/api/archive', {}, false);
}
