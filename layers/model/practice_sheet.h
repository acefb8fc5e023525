#pragma once
// What a report says of one initiative, its practice sheet: a one-line
// description and, per dimension of the seed's analysis of public
// management (its section 4.2), a verbatim remark with the section it is
// quoted from. Unknown stays unknown: an empty remark is one the source does
// not make. The fields are read like the other fields of a record
// (layers/model/initiative_fields.h) and named description,
// remark_<dimension> and remark_<dimension>_section.
#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace layers {

// The five dimensions of section 4.2, in its order.
enum class Dimension { actors, resources, planning, participation, innovation };
inline constexpr std::array<Dimension, 5> kAllDimensions = {Dimension::actors, Dimension::resources,
                                                            Dimension::planning, Dimension::participation,
                                                            Dimension::innovation};
// "actors", "resources", "planning", "participation", "innovation".
std::string_view dimension_name(Dimension d);
std::optional<Dimension> parse_dimension(std::string_view name);
// The seed's Spanish heading: "Articulación de actores", ...
std::string_view dimension_label(Dimension d);
// The section of the seed that analyses it: "4.2.1", ...
std::string_view dimension_section(Dimension d);

// "remark_actors" and "remark_actors_section", ...
std::string remark_field(Dimension d);
std::string section_field(Dimension d);

struct Remark {
  std::string text;     // verbatim, "" when the source says nothing
  std::string section;  // where it is quoted from: "4.2.4 b)"
  bool operator==(const Remark&) const = default;
};

struct PracticeSheet {
  std::string description;  // one line
  std::array<Remark, kAllDimensions.size()> remarks;

  const Remark& remark(Dimension d) const { return remarks[static_cast<std::size_t>(d)]; }
  Remark& remark(Dimension d) { return remarks[static_cast<std::size_t>(d)]; }
  bool empty() const;
  bool operator==(const PracticeSheet&) const = default;
};

// Limits on the text of each field, in bytes.
inline constexpr std::size_t kMaxDescriptionBytes = 600;
inline constexpr std::size_t kMaxRemarkBytes = 4000;
inline constexpr std::size_t kMaxSectionBytes = 40;

// Why the sheet cannot be stored ("" when it can): a field past its limit
// or holding a control character (line breaks included: each field is one
// line), a remark without its section or a section without its remark.
std::string sheet_problem(const PracticeSheet& sheet);

}  // namespace layers
