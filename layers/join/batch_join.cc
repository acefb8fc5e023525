#include "layers/join/batch_join.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "layers/errors.h"
#include "layers/join/csv_stream_join.h"
#include "layers/join/gdal_join.h"

namespace layers {

namespace {
bool is_csv(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".csv";
}
}  // namespace

BatchJoinReport batch_join(const Catalog& catalog, const std::string& source, const std::string& output,
                           const BatchJoinOptions& options) {
  check_output_format(output);
  if (std::filesystem::exists(output)) throw DataError("output '" + output + "' already exists");
  // Written beside the output and renamed into place when complete.
  const std::string tmp = output + ".partial" + std::filesystem::path(output).extension().string();
  std::filesystem::remove(tmp);
  try {
    std::vector<std::string> notes;
    if (options.reader == JoinReader::automatic && is_csv(source) && is_csv(output)) {
      CsvStreamOutcome streamed = csv_stream_join(catalog, source, tmp, options.threads, options.progress);
      if (streamed.report) {
        std::filesystem::rename(tmp, output);
        return std::move(*streamed.report);
      }
      std::filesystem::remove(tmp);
      if (!streamed.declined.empty()) notes.push_back(streamed.declined);
    }
    BatchJoinReport report =
        gdal_join(catalog, source, tmp, std::filesystem::path(output).stem().string(), options.progress);
    report.notes.insert(report.notes.begin(), notes.begin(), notes.end());
    std::filesystem::rename(tmp, output);
    return report;
  } catch (...) {
    std::filesystem::remove(tmp);
    throw;
  }
}

}  // namespace layers
