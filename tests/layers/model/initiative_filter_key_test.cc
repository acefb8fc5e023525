// InitiativeFilter::key() is part of every tile cache key and of tile
// ETags: the no-filter key, now spelled once (issue 18), must read exactly
// as before, and every condition must still change it.
#include <gtest/gtest.h>

#include <string>

#include "layers/model/initiative_filter.h"

namespace {

using layers::InitiativeFilter;

TEST(InitiativeFilterKey, NoFilterIsSpelledAsEveryConditionEmpty) {
  EXPECT_EQ(InitiativeFilter{}.key(),
            "area=;thematic_field=;award=;stage=;institution_type=;scope=;rurality=;contest=;field_visit=;year=/");
  EXPECT_EQ(InitiativeFilter{}.key(), InitiativeFilter{}.key());
}

TEST(InitiativeFilterKey, EveryConditionChangesTheKey) {
  const std::string none = InitiativeFilter{}.key();
  InitiativeFilter area;
  area.area = {"salud"};
  EXPECT_NE(area.key(), none);
  EXPECT_EQ(area.key().rfind("area=salud;", 0), 0u) << area.key();
  InitiativeFilter visit;
  visit.field_visit = false;
  EXPECT_NE(visit.key(), none);
  InitiativeFilter year;
  year.year_min = 2017;
  EXPECT_NE(year.key(), none);
  EXPECT_TRUE(year.key().ends_with(";year=2017/")) << year.key();
}

}  // namespace
