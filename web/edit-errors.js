// What the editor tells a person when a write fails: the HTTP status (and
// the problem document's detail) of the write API mapped to a message key
// of web/i18n/, and whether the answer is to reload the record. Pure.

// Keys by status; anything else is 'edit.problem.other'.
const BY_STATUS = {
  400: 'edit.problem.400',
  401: 'edit.problem.401',
  403: 'edit.problem.403',
  404: 'edit.problem.404',
  409: 'edit.problem.409',
  412: 'edit.problem.412',
  413: 'edit.problem.413',
  428: 'edit.problem.428',
  429: 'edit.problem.429',
};

// Every key problemMessage may return (the tests check that each has a text).
export const PROBLEM_KEYS = [...Object.values(BY_STATUS), 'edit.problem.other', 'edit.problem.network'];

// Longest detail shown: a problem's detail is for people, but not a page of it.
const MAX_DETAIL = 300;

// Retry-After as seconds (its HTTP-date form counted from `now`), or null.
export function retryAfterSeconds(header, now = Date.now()) {
  if (header === null || header === undefined || header === '') return null;
  const s = String(header).trim();
  if (/^\d+$/.test(s)) return Number(s);
  const when = Date.parse(s);
  return Number.isNaN(when) ? null : Math.max(0, Math.ceil((when - now) / 1000));
}

// status: the HTTP status, or 0 when no answer came (network down);
// problem: the parsed problem document or null; retryAfter: the header.
// -> { key, status, detail, retryAfter (seconds | null), reload (bool) }
export function problemMessage(status, problem = null, retryAfter = null) {
  const key = status === 0 ? 'edit.problem.network' : (BY_STATUS[status] ?? 'edit.problem.other');
  let detail = typeof problem?.detail === 'string' ? problem.detail.trim() : '';
  if (detail.length > MAX_DETAIL) detail = `${detail.slice(0, MAX_DETAIL - 1)}…`;
  return {
    key,
    status,
    detail,
    retryAfter: status === 429 ? retryAfterSeconds(retryAfter) : null,
    // The record changed or went away under the form: only a reload helps.
    reload: status === 412 || status === 404 || status === 428,
  };
}
