// The choices of the editor's <select>s. The server publishes no enums
// (its queryables give only types), so a list is the seed report's own
// categories (its annex tables: Cuadros 1 to 6) followed by any other value
// the live data already has (/stats/initiatives?by=...), and the record's
// current value if it is in neither. Pure.

export const SEED_VOCABULARY = {
  institution_type: ['GORE', 'Intendencia', 'SEREMI', 'Gobernación', 'Servicio Público', 'Municipio',
    'Asociación Municipios', 'Organización Sociedad Civil', 'Organizaciones Productivas y de Mercado', 'Redes', 'Otros'],
  area: ['Social', 'Económico', 'Ordenamiento y Ambiental', 'Político-Institucional'],
  thematic_field: ['Planificación y gestión de inversiones', 'Desarrollo económico local', 'Desarrollo social', 'Salud',
    'Desarrollo institucional', 'Turismo', 'Gestión participativa', 'Educación ambiental', 'Diseño urbano', 'Justicia'],
  scope: ['Regional', 'Provincial', 'Municipal', 'Interregional', 'Interprovincial', 'Intermunicipal',
    'Global o Internacional'],
  rurality: ['Rural', 'Urbano', 'Mixto'],
  stage: ['inscrita', 'profundización', 'finalizada', 'terreno'],
  award: ['1er Lugar', '2do Lugar', 'Mención Honrosa'],
};

// The attributes whose values come from /stats/initiatives?by=<name>.
export const VOCABULARY_FIELDS = Object.keys(SEED_VOCABULARY);

// Accent-, case- and space-insensitive: "Político – Institucional" and
// "político-institucional" are the same choice.
export function sameValue(a, b) {
  const key = (s) => String(s).normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[\s\-–]+/g, '');
  return key(a) === key(b);
}

// The values of a /stats/initiatives table worth offering (not "unknown").
export function statsValues(table) {
  return (table?.rows?.values ?? []).map((v) => v.value).filter((v) => v !== 'unknown' && v !== '');
}

// The choices of `field`: the seed's, then the data's others, then `current`.
export function choices(field, dataValues = [], current = '') {
  const out = [...(SEED_VOCABULARY[field] ?? [])];
  const add = (v) => { if (v && !out.some((o) => sameValue(o, v))) out.push(v); };
  dataValues.forEach(add);
  // The record's own value stays selectable exactly as stored.
  if (current && !out.includes(current)) out.push(current);
  return out;
}
