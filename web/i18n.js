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

export function formatNumber(value, digits = 0) {
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function formatPercent(share) {
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 1 }).format(share);
}

// Fills every element marked with data-i18n (text), data-i18n-placeholder
// and data-i18n-aria (aria-label).
export function translateDocument(root = document) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
  for (const el of root.querySelectorAll('[data-i18n-aria]')) el.setAttribute('aria-label', t(el.dataset.i18nAria));
  document.title = `${t('title')} · territorio`;
}
