#include "layers/model/practice_sheet.h"

#include <algorithm>

namespace layers {

namespace {

struct DimensionInfo {
  std::string_view name, label, section;
};
constexpr DimensionInfo kInfo[] = {
    {"actors", "Articulación de actores", "4.2.1"},
    {"resources", "Recursos disponibles", "4.2.2"},
    {"planning", "Planificación", "4.2.3"},
    {"participation", "Participación ciudadana", "4.2.4"},
    {"innovation", "Flexibilidad e innovación en la gestión", "4.2.5"},
};

const DimensionInfo& info(Dimension d) { return kInfo[static_cast<std::size_t>(d)]; }

bool has_control_character(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

// Why one field is refused, "" when it is not.
std::string field_problem(std::string_view field, std::string_view text, std::size_t max_bytes) {
  if (text.size() > max_bytes)
    return std::string(field) + " is longer than " + std::to_string(max_bytes) + " bytes";
  if (has_control_character(text)) return std::string(field) + " must be one line without control characters";
  return "";
}

}  // namespace

std::string_view dimension_name(Dimension d) { return info(d).name; }
std::string_view dimension_label(Dimension d) { return info(d).label; }
std::string_view dimension_section(Dimension d) { return info(d).section; }

std::optional<Dimension> parse_dimension(std::string_view name) {
  for (Dimension d : kAllDimensions)
    if (info(d).name == name) return d;
  return std::nullopt;
}

std::string remark_field(Dimension d) { return "remark_" + std::string(info(d).name); }
std::string section_field(Dimension d) { return remark_field(d) + "_section"; }

bool PracticeSheet::empty() const {
  return description.empty() &&
         std::all_of(remarks.begin(), remarks.end(), [](const Remark& r) { return r.text.empty() && r.section.empty(); });
}

std::string sheet_problem(const PracticeSheet& sheet) {
  if (auto p = field_problem("description", sheet.description, kMaxDescriptionBytes); !p.empty()) return p;
  for (Dimension d : kAllDimensions) {
    const Remark& r = sheet.remark(d);
    if (auto p = field_problem(remark_field(d), r.text, kMaxRemarkBytes); !p.empty()) return p;
    if (auto p = field_problem(section_field(d), r.section, kMaxSectionBytes); !p.empty()) return p;
    if (!r.text.empty() && r.section.empty()) return remark_field(d) + " needs " + section_field(d);
    if (r.text.empty() && !r.section.empty()) return section_field(d) + " needs " + remark_field(d);
  }
  return "";
}

}  // namespace layers
