// The page's strings in Spanish (default: the users are Chilean public
// servants) and English, from /map/i18n/{lang}.json.
import { getJson } from './api.js';

export const LANGUAGES = ['es', 'en'];
const LOCALES = { es: 'es-CL', en: 'en-GB' };

let strings = {};
let lang = 'es';

export async function loadLanguage(next) {
  lang = LANGUAGES.includes(next) ? next : 'es';
  strings = await getJson(`/map/i18n/${lang}.json`);
  document.documentElement.lang = lang;
  return lang;
}

export function currentLanguage() { return lang; }

export function t(key) { return strings[key] ?? key; }

// Building an Intl.NumberFormat costs about a millisecond (the locale's
// data), and the summary, legend and charts format hundreds of numbers:
// one formatter per language and option set.
const formats = new Map();
function numberFormat(options) {
  const key = `${lang} ${JSON.stringify(options)}`;
  let f = formats.get(key);
  if (!f) formats.set(key, (f = new Intl.NumberFormat(LOCALES[lang], options)));
  return f;
}

export function formatNumber(value, digits = 0) {
  return numberFormat({ maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function formatPercent(share) {
  return numberFormat({ style: 'percent', maximumFractionDigits: 1 }).format(share);
}

// Fills every element marked with data-i18n (text), data-i18n-placeholder
// and data-i18n-aria (aria-label). Only what differs is written: the page's
// HTML is already in Spanish, and setting an equal text still replaces the
// text node, which made the browser lay out and shape the whole side panel
// again while the map drew its first frames.
export function translateDocument(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) {
    const text = t(el.dataset.i18n);
    if (el.textContent !== text) el.textContent = text;
  }
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    const text = t(el.dataset.i18nPlaceholder);
    if (el.placeholder !== text) el.placeholder = text;
  }
  for (const el of root.querySelectorAll('[data-i18n-aria]')) {
    const text = t(el.dataset.i18nAria);
    if (el.getAttribute('aria-label') !== text) el.setAttribute('aria-label', text);
  }
  const title = `${t('title')} · territorio`;
  if (document.title !== title) document.title = title;
}
