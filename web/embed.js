// ?embed=1: the map alone, for an iframe in another site (a regional
// government's): no header, no side panels, no editing; the legend stays,
// with a small "Ver en territorio" link that opens the full map at the same
// state in a new tab. Its own module, loaded before the app (which waits for
// MapLibre), so the page's chrome is hidden before it is painted. A page in
// a frame never offers editing, embedded or not.
import { mapUrl, stateFromLocation } from './url-state.js';

const state = stateFromLocation();
const root = document.documentElement;
if (state.embed) root.classList.add('embed');
if (state.embed || window.self !== window.top) root.classList.add('no-edit');

if (state.embed) {
  const link = document.createElement('a');
  link.id = 'embed-open';
  link.className = 'embed-open';
  link.target = '_blank';
  link.rel = 'noopener';
  link.dataset.i18n = 'embed.open';
  link.textContent = 'Ver en territorio';
  link.href = mapUrl(state, { embed: false });
  document.querySelector('.map-wrap').append(link);
  window.addEventListener('territorio:url', (e) => { link.href = mapUrl(e.detail.state, { embed: false }); });
}
