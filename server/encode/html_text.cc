#include "server/encode/html_text.h"

#include <array>
#include <utility>

namespace server::encode {
namespace {

using Pair = std::pair<std::string_view, std::string_view>;

// Whole texts: the pages' words, link and page titles, collections, fields.
constexpr std::array kTexts = {
    // The page's frame (server/encode/html.cc).
    Pair{"collections", "colecciones"},
    Pair{"map", "mapa"},
    // Page titles.
    Pair{"Conformance", "Conformidad"},
    Pair{"Collections", "Colecciones"},
    // Link titles.
    Pair{"This document", "Este documento"},
    Pair{"The API definition (OpenAPI 3.0)", "La definición de la API (OpenAPI 3.0)"},
    Pair{"The API documentation", "La documentación de la API"},
    Pair{"The OpenAPI 3.0 document", "El documento OpenAPI 3.0"},
    Pair{"Conformance classes", "Clases de conformidad"},
    Pair{"Tile matrix sets", "Conjuntos de matrices de teselas"},
    Pair{"Web map of coverage", "Mapa web de cobertura"},
    Pair{"This page", "Esta página"},
    Pair{"Next page", "Página siguiente"},
    Pair{"Previous page", "Página anterior"},
    Pair{"This feature", "Este elemento"},
    // The landing page.
    Pair{"Chile's territorial units (regions, provinces, communes; 2018 and 2007 divisions), the initiatives of the "
         "Sistema de Buenas Prácticas para el Desarrollo de los Territorios and the INE census zones, as OGC API - "
         "Features.",
         "Las unidades territoriales de Chile (regiones, provincias y comunas; divisiones de 2018 y 2007), las "
         "iniciativas del Sistema de Buenas Prácticas para el Desarrollo de los Territorios y las zonas censales del "
         "INE, como OGC API - Features."},
    // Collections (layers/features/).
    Pair{"Regions of Chile", "Regiones de Chile"},
    Pair{"Provinces of Chile", "Provincias de Chile"},
    Pair{"Communes of Chile", "Comunas de Chile"},
    Pair{"Regions of Chile (2007 division)", "Regiones de Chile (división de 2007)"},
    Pair{"Provinces of Chile (2007 division)", "Provincias de Chile (división de 2007)"},
    Pair{"Initiatives", "Iniciativas"},
    Pair{"Census zones (INE, Censo 2017)", "Zonas censales (INE, Censo 2017)"},
    Pair{"Initiatives of the Sistema de Buenas Prácticas para el Desarrollo de los Territorios: every field of the "
         "record, the codes of the units they act in (both divisions), and their geometry: their own points or "
         "polygons, or else the union of the units they act in. Without a location the geometry is null.",
         "Iniciativas del Sistema de Buenas Prácticas para el Desarrollo de los Territorios: cada campo del registro, "
         "los códigos de las unidades donde actúan (en ambas divisiones) y su geometría: sus propios puntos o "
         "polígonos, o si no la unión de las unidades donde actúan. Sin ubicación, la geometría es nula."},
    Pair{"Points of the INE census zones of the Censo 2017 with their population and commune.",
         "Puntos de las zonas censales del INE del Censo 2017, con su población y su comuna."},
    // Field titles.
    Pair{"Geometry", "Geometría"},
    Pair{"CUT code", "Código CUT"},
    Pair{"Official name", "Nombre oficial"},
    Pair{"Region CUT code", "Código CUT de la región"},
    Pair{"Region name", "Nombre de la región"},
    Pair{"Province CUT code", "Código CUT de la provincia"},
    Pair{"Province name", "Nombre de la provincia"},
    Pair{"Commune CUT code (INE)", "Código CUT de la comuna (INE)"},
    Pair{"Commune name", "Nombre de la comuna"},
    Pair{"Population (Censo 2017)", "Población (Censo 2017)"},
    Pair{"Geodesic area in km²", "Superficie geodésica en km²"},
    Pair{"INE zone code", "Código de zona del INE"},
    Pair{"Initiatives acting in the unit (footprint at its level or finer)",
         "Iniciativas que actúan en la unidad (huella a su nivel o más fina)"},
    Pair{"Initiatives acting on a whole enclosing unit", "Iniciativas que actúan en toda una unidad que la contiene"},
    Pair{"Identifier", "Identificador"},
    Pair{"Name", "Nombre"},
    Pair{"Institution", "Institución"},
    Pair{"Institution type", "Tipo de institución"},
    Pair{"Area", "Área"},
    Pair{"Thematic field", "Ámbito temático"},
    Pair{"Declared scope", "Alcance declarado"},
    Pair{"Rurality", "Ruralidad"},
    Pair{"Contest", "Concurso"},
    Pair{"Contest year", "Año del concurso"},
    Pair{"Stage reached", "Etapa alcanzada"},
    Pair{"Award", "Premio"},
    Pair{"Field visit", "Visita en terreno"},
    Pair{"Region as recorded by the source", "Región según la fuente"},
    Pair{"How the footprint is given (codes, names, points, polygons, unknown)",
         "Cómo se da la huella (códigos, nombres, puntos, polígonos, desconocida)"},
};

// Texts with one hole, "{}", filled with the rest of the text, translated.
constexpr std::array kPatterns = {
    Pair{"{} as HTML", "{} en HTML"},
    Pair{"{} (GeoJSON)", "{} (GeoJSON)"},
    Pair{"{} (HTML)", "{} (HTML)"},
    Pair{"This page as {}", "Esta página en {}"},
    Pair{"This feature as {}", "Este elemento en {}"},
    Pair{"Vector tilesets of {}", "Teselas vectoriales de {}"},
    Pair{"Map tilesets of {}", "Teselas de mapa de {}"},
    Pair{"Queryables of {}", "Propiedades consultables de {}"},
    Pair{"Schema of {}", "Esquema de {}"},
    Pair{"All of {} as CSV", "Descarga completa de {} (CSV)"},
    Pair{"All of {} as GeoPackage", "Descarga completa de {} (GeoPackage)"},
    Pair{"All of {} as FlatGeobuf", "Descarga completa de {} (FlatGeobuf)"},
    Pair{"Regions of the {} territorial division (CUT codes) with their Censo 2017 population, geodesic area and the "
         "number of initiatives acting in each.",
         "Regiones de la división territorial de {} (códigos CUT), con su población del Censo 2017, su superficie "
         "geodésica y el número de iniciativas que actúan en cada una."},
    Pair{"Provinces of the {} territorial division (CUT codes) with their Censo 2017 population, geodesic area and "
         "the number of initiatives acting in each.",
         "Provincias de la división territorial de {} (códigos CUT), con su población del Censo 2017, su superficie "
         "geodésica y el número de iniciativas que actúan en cada una."},
    Pair{"Communes of the {} territorial division (CUT codes) with their Censo 2017 population, geodesic area and "
         "the number of initiatives acting in each. Antártica (12202) has no boundary in the INE cartography and is "
         "left out.",
         "Comunas de la división territorial de {} (códigos CUT), con su población del Censo 2017, su superficie "
         "geodésica y el número de iniciativas que actúan en cada una. Antártica (12202) no tiene límite en la "
         "cartografía del INE y queda fuera."},
};

// The members of the documents shown as table headings.
constexpr std::array kMembers = {
    Pair{"title", "título"},
    Pair{"description", "descripción"},
    Pair{"links", "enlaces"},
    Pair{"link", "enlace"},
    Pair{"collections", "colecciones"},
    Pair{"extent", "extensión"},
    Pair{"spatial", "espacial"},
    Pair{"interval", "intervalo"},
    Pair{"storageCrs", "CRS de almacenamiento"},
    Pair{"itemType", "tipo de elemento"},
    Pair{"conformsTo", "conforme a"},
    Pair{"numberMatched", "coincidencias"},
    Pair{"numberReturned", "devueltos"},
    Pair{"timeStamp", "fecha y hora"},
    Pair{"features", "elementos"},
    Pair{"properties", "propiedades"},
    Pair{"paths", "rutas"},
    Pair{"method", "método"},
    Pair{"path", "ruta"},
    Pair{"summary", "resumen"},
    Pair{"parameters", "parámetros"},
    Pair{"type", "tipo"},
    Pair{"format", "formato"},
};

std::string spanish(std::string_view english, int depth) {
  for (const auto& [en, es] : kTexts)
    if (en == english) return std::string(es);
  if (depth > 2) return std::string(english);
  for (const auto& [en, es] : kPatterns) {
    const std::size_t hole = en.find("{}");
    const std::string_view before = en.substr(0, hole), after = en.substr(hole + 2);
    if (english.size() > before.size() + after.size() && english.starts_with(before) && english.ends_with(after)) {
      const std::string filled =
          spanish(english.substr(before.size(), english.size() - before.size() - after.size()), depth + 1);
      const std::size_t at = es.find("{}");
      return std::string(es.substr(0, at)) + filled + std::string(es.substr(at + 2));
    }
  }
  return std::string(english);
}

}  // namespace

std::string_view language_tag(Language language) { return language == Language::es ? "es" : "en"; }

std::string translate(Language language, std::string_view english) {
  return language == Language::es ? spanish(english, 0) : std::string(english);
}

std::string member_label(Language language, std::string_view name) {
  if (language == Language::es)
    for (const auto& [en, es] : kMembers)
      if (en == name) return std::string(es);
  return std::string(name);
}

}  // namespace server::encode
