// ?embed=1: the map alone, for an iframe in another site (a regional
// government's): no header, no side panels, no editing; the legend stays,
// with a small "Ver en territorio" link (added by app.js) that opens the
// full map at the same state in a new tab. Its own module, run before the
// app (which waits for MapLibre), so the page's chrome is hidden before it
// is painted. A page in a frame never offers editing, embedded or not.
// It imports nothing: an import (url-state.js and its four imports) made
// it, and so the app after it, wait for five more requests one after the
// other; the flag is read as url-state.js's FLAG reads it.
const flag = new URLSearchParams(window.location.search).get('embed');
const embed = flag === '1' || flag === 'true';
const root = document.documentElement;
if (embed) root.classList.add('embed');
if (embed || window.self !== window.top) root.classList.add('no-edit');
