// A record's history (GET /collections/initiatives/items/{id}/history): who
// wrote each version and when, oldest first as the API lists them.
import { currentLanguage, t } from './i18n.js';

const LOCALES = { es: 'es-CL', en: 'en-GB' };

// Pure: one entry per version with what the list shows.
//   { revision, operation, who (token name | null: an import by the CLI), time (ISO) }
export function historyEntries(doc) {
  return (doc?.versions ?? []).map((v) => ({
    revision: v.revision,
    operation: v.operation,
    who: v.token?.name ?? null,
    time: v.time,
  }));
}

function formatTime(iso) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALES[currentLanguage()], { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}

export function renderHistory(list, doc) {
  const items = historyEntries(doc).map((e) => {
    const li = document.createElement('li');
    li.dataset.revision = String(e.revision);
    li.dataset.operation = e.operation;
    const what = document.createElement('strong');
    what.textContent = t(`edit.history.${e.operation}`);
    const who = document.createElement('span');
    who.className = 'who';
    who.textContent = e.who ?? t('edit.history.cli');
    const when = document.createElement('time');
    when.dateTime = e.time;
    when.textContent = formatTime(e.time);
    li.append(what, ' · ', who, ' · ', when);
    return li;
  });
  list.replaceChildren(...items);
}
