#pragma once
// An independent model of the seed initiatives' coverage, computed straight
// from the bundled CSV files (codes, 2007 division, population, seed) with
// none of the code under test: the expectation the server is compared with.
#include <algorithm>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "layers/store/csv_table.h"

namespace seed_model {

enum Level { region = 0, province = 1, commune = 2 };

struct Commune {
  std::string code, code07, p18, r18, p07, r07;
  long long population = 0;
};

struct Initiative {
  std::string id, award, area, stage, region_recorded;
  std::string contest;  // the bundled records: "Primer Concurso" (data/SOURCES.md)
  bool field_visit = false;
  std::set<std::string> communes;  // 2018 codes
  Level scale = commune;           // the coarsest level its codes name
};

struct Expected {
  long long population = 0;
  std::set<std::string> in, enclosing;
};

class Model {
 public:
  Model() {
    const std::string dir = TERRITORIO_DATA_DIR;
    const auto codes = layers::read_csv(dir + "/territorial_codes.csv");
    for (const auto& r : codes.rows) {
      Commune c;
      c.code = r[codes.column("commune_code")];
      c.p18 = r[codes.column("province_code")];
      c.r18 = r[codes.column("region_code")];
      communes_[c.code] = c;
    }
    const auto d07 = layers::read_csv(dir + "/division_2007.csv");
    for (const auto& r : d07.rows) {
      Commune& c = communes_.at(r[d07.column("commune_code")]);
      c.code07 = r[d07.column("commune_code_2007")];
      c.p07 = r[d07.column("province_code_2007")];
      c.r07 = r[d07.column("region_code_2007")];
    }
    const auto pop = layers::read_csv(dir + "/population_2017.csv");
    for (const auto& r : pop.rows)
      communes_.at(r[pop.column("commune_code")]).population = std::stoll(r[pop.column("population")]);
    add_initiatives(dir + "/initiatives_seed.csv", "Primer Concurso");
  }

  // Adds the records of an initiative CSV with the seed's columns; contest:
  // theirs if the file has the column, else the one given.
  void add_initiatives(const std::string& path, const std::string& contest) {
    const auto seed = layers::read_csv(path);
    const bool has_contest = std::find(seed.header.begin(), seed.header.end(), "contest") != seed.header.end();
    for (const auto& r : seed.rows) {
      Initiative i;
      i.id = r[seed.column("id")];
      i.contest = has_contest ? r[seed.column("contest")] : contest;
      i.award = r[seed.column("award")];
      i.area = r[seed.column("area")];
      i.stage = r[seed.column("stage")];
      i.region_recorded = r[seed.column("region_recorded")];
      i.field_visit = r[seed.column("field_visit")] == "true";
      const bool in2007 = r[seed.column("footprint_division")] == "2007";
      std::stringstream ss(r[seed.column("footprint_codes")]);
      std::string code;
      int coarsest = commune;
      while (std::getline(ss, code, ';')) {
        const Level l = code.size() == 2 ? region : code.size() == 3 ? province : commune;
        coarsest = std::min<int>(coarsest, l);
        for (const auto& [k, c] : communes_) {
          const std::string& unit = l == region     ? (in2007 ? c.r07 : c.r18)
                                    : l == province ? (in2007 ? c.p07 : c.p18)
                                                    : (in2007 ? c.code07 : c.code);
          if (unit == code) i.communes.insert(k);
        }
      }
      i.scale = static_cast<Level>(coarsest);
      initiatives_.push_back(i);
    }
  }

  const std::map<std::string, Commune>& communes() const { return communes_; }
  const std::vector<Initiative>& initiatives() const { return initiatives_; }

  static std::string unit_of(const Commune& c, Level l, bool d2007) {
    if (l == region) return d2007 ? c.r07 : c.r18;
    if (l == province) return d2007 ? c.p07 : c.p18;
    return c.code;
  }

  // Per unit of the level: population and the initiatives passing `keep`
  // that act in it or on an enclosing unit. within: a region or province
  // code of the division ("" for all).
  template <typename Keep>
  std::map<std::string, Expected> coverage(Level l, bool d2007, Keep keep, const std::string& within = "") const {
    std::map<std::string, Expected> out;
    for (const auto& [k, c] : communes_) {
      if (!within.empty() && unit_of(c, within.size() == 2 ? region : province, d2007) != within) continue;
      out[unit_of(c, l, d2007)].population += c.population;
    }
    for (const auto& i : initiatives_) {
      if (!keep(i)) continue;
      for (const auto& k : i.communes) {
        auto it = out.find(unit_of(communes_.at(k), l, d2007));
        if (it == out.end()) continue;
        (i.scale >= l ? it->second.in : it->second.enclosing).insert(i.id);
      }
    }
    return out;
  }

  long long chile_population() const {
    long long p = 0;
    for (const auto& [k, c] : communes_) p += c.population;
    return p;
  }

 private:
  std::map<std::string, Commune> communes_;
  std::vector<Initiative> initiatives_;
};

}  // namespace seed_model
