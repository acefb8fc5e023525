// The editor's bearer token, kept in this tab's sessionStorage only: never
// in localStorage, a cookie or the URL, so it goes when the tab closes and
// no other page or request carries it.
const KEY = 'territorio.token';
// Secrets from `territorio token create` are about 60 characters.
export const MAX_TOKEN_LENGTH = 512;

// A pasted token without surrounding blanks or a "Bearer " prefix; null
// when it cannot be one (empty, too long, not printable ASCII).
export function cleanToken(text) {
  const s = String(text ?? '').trim().replace(/^Bearer\s+/i, '');
  if (s === '' || s.length > MAX_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(s)) return null;
  return s;
}

// In a frame of another site the browser may deny the storage itself
// (reading `sessionStorage` throws): no token then.
export function storedToken(storage) {
  try { return (storage ?? sessionStorage).getItem(KEY); } catch { return null; }
}

export function storeToken(token, storage = sessionStorage) { storage.setItem(KEY, token); }

export function forgetToken(storage = sessionStorage) { storage.removeItem(KEY); }
