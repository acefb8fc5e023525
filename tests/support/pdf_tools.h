#pragma once
// Poppler's command-line tools on PDF bytes, for tests that check what a
// reader sees: the extracted text (pdftotext) and a page as PNG (pdftoppm).
// Debian's poppler-utils (scripts/deps.sh, TEST_PACKAGES).
#include <unistd.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace test_support {

namespace detail {

inline std::string run_command(const std::string& command) {
  std::string out;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return out;
  std::array<char, 4096> buf;
  std::size_t n;
  while ((n = std::fread(buf.data(), 1, buf.size(), p)) > 0) out.append(buf.data(), n);
  ::pclose(p);
  return out;
}

// A file holding bytes, removed with the object.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& bytes, const std::string& suffix)
      : path_(std::filesystem::temp_directory_path() /
              ("territorio-pdf-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++) + suffix)) {
    std::ofstream(path_, std::ios::binary) << bytes;
  }
  ~ScratchFile() { std::filesystem::remove(path_); }
  std::string path() const { return path_.string(); }

 private:
  static int& counter() {
    static int n = 0;
    return n;
  }
  std::filesystem::path path_;
};

}  // namespace detail

// The text of every page, as pdftotext extracts it (UTF-8, reading order).
inline std::string pdf_text(const std::string& pdf) {
  const detail::ScratchFile f(pdf, ".pdf");
  return detail::run_command("pdftotext -enc UTF-8 '" + f.path() + "' - 2>/dev/null");
}

// Page `page` (from 1) rendered as PNG at dpi.
inline std::string pdf_page_png(const std::string& pdf, int page, int dpi) {
  const detail::ScratchFile f(pdf, ".pdf");
  return detail::run_command("pdftoppm -r " + std::to_string(dpi) + " -png -f " + std::to_string(page) + " -l " +
                             std::to_string(page) + " '" + f.path() + "' 2>/dev/null");
}

// The number of pages pdfinfo reports (0 if it cannot read the file).
inline int pdf_pages(const std::string& pdf) {
  const detail::ScratchFile f(pdf, ".pdf");
  std::istringstream info(detail::run_command("pdfinfo '" + f.path() + "' 2>/dev/null"));
  std::string line;
  while (std::getline(info, line))
    if (line.starts_with("Pages:")) return std::stoi(line.substr(6));
  return 0;
}

}  // namespace test_support
