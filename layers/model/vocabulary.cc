#include "layers/model/vocabulary.h"

#include <algorithm>
#include <map>
#include <set>

#include "layers/model/text_normalize.h"

namespace layers {

const std::vector<std::string>& vocabulary(const std::string& attribute) {
  static const std::map<std::string, std::vector<std::string>> known = {
      {"area", {"Social", "Económico", "Ordenamiento y Ambiental", "Político-Institucional"}},
      {"stage", {"inscrita", "profundización", "finalizada", "terreno"}},
      {"award", {"1er Lugar", "2do Lugar", "Mención Honrosa"}},
      {"institution_type",
       {"GORE", "Intendencia", "SEREMI", "Gobernación", "Servicio Público", "Municipio", "Asociación Municipios",
        "Organización Sociedad Civil", "Organizaciones Productivas y de Mercado", "Otros", "Redes"}},
      {"scope",
       {"Regional", "Provincial", "Municipal", "Interregional", "Interprovincial", "Intermunicipal",
        "Global o Internacional"}},
      {"rurality", {"Rural", "Urbano", "Mixto"}},
      {"thematic_field",
       {"Planificación y gestión de inversiones", "Desarrollo económico local", "Desarrollo social", "Salud",
        "Desarrollo institucional", "Turismo", "Gestión participativa", "Educación ambiental", "Diseño urbano",
        "Justicia"}},
  };
  static const std::vector<std::string> none;
  auto it = known.find(attribute);
  return it == known.end() ? none : it->second;
}

std::string attribute_value(const Initiative& i, const std::string& a) {
  if (a == "area") return i.area;
  if (a == "stage") return i.stage;
  if (a == "award") return i.award;
  if (a == "institution_type") return i.institution_type;
  if (a == "scope") return i.scope;
  if (a == "rurality") return i.rurality;
  if (a == "thematic_field") return i.thematic_field;
  if (a == "contest") return i.contest;
  if (a == "field_visit") return i.field_visit ? (*i.field_visit ? "true" : "false") : "";
  if (a == "year") return i.year ? std::to_string(*i.year) : "";
  return "";
}

std::vector<std::string> allowed_values(const Registry& registry, const std::string& attribute) {
  std::vector<std::string> out = vocabulary(attribute);
  std::set<std::string> seen;
  for (const auto& v : out) seen.insert(normalize_name(v));
  for (const auto& s : registry.initiatives()) {
    const std::string v = attribute_value(s.initiative, attribute);
    if (!v.empty() && seen.insert(normalize_name(v)).second) out.push_back(v);
  }
  return out;
}

}  // namespace layers
