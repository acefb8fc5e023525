#include "server/routes/web_bundle.h"

#include <fstream>
#include <iterator>
#include <map>
#include <set>
#include <string_view>

namespace server::routes {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t kMaxModules = 64;
constexpr std::uintmax_t kMaxModuleBytes = 1 << 20;

struct Import {
  std::string specifier;
  std::vector<std::pair<std::string, std::string>> names;  // exported name, local name
};

struct Module {
  std::string body;  // the text without its imports, `export ` removed
  std::vector<Import> imports;
  std::vector<std::string> exports;
};

[[noreturn]] void refuse(const std::string& file, const std::string& what) {
  throw BundleError("web/" + file + ": " + what);
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

bool identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '$';
}

bool identifier(std::string_view s) {
  if (s.empty() || (s.front() >= '0' && s.front() <= '9')) return false;
  for (char c : s)
    if (!identifier_char(c)) return false;
  return true;
}

// `import { a, b as c } from 'spec';` (the braces may span lines).
Import parse_import(const std::string& file, std::string_view statement) {
  const auto open = statement.find('{');
  const auto close = statement.find('}');
  if (trim(statement.substr(0, open)) != "import" || close == std::string_view::npos || close < open)
    refuse(file, "an import other than `import { names } from '...';`");
  Import out;
  std::string_view list = statement.substr(open + 1, close - open - 1);
  while (!trim(list).empty()) {
    const auto comma = list.find(',');
    std::string_view item = trim(list.substr(0, comma));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    if (item.empty()) continue;
    std::string_view name = item, local = item;
    if (const auto as = item.find(" as "); as != std::string_view::npos) {
      name = trim(item.substr(0, as));
      local = trim(item.substr(as + 4));
    }
    if (!identifier(name) || !identifier(local)) refuse(file, "an imported name it cannot read: " + std::string(item));
    out.names.emplace_back(name, local);
  }
  std::string_view rest = trim(statement.substr(close + 1));
  if (!rest.starts_with("from") || !rest.ends_with(";")) refuse(file, "an import without `from '...';`");
  rest = trim(rest.substr(4, rest.size() - 5));
  if (rest.size() < 2 || rest.front() != rest.back() || (rest.front() != '\'' && rest.front() != '"'))
    refuse(file, "an import whose source is not one quoted string");
  out.specifier = std::string(rest.substr(1, rest.size() - 2));
  return out;
}

// The name declared after `export ` (function, async function, class, const).
std::string exported_name(const std::string& file, std::string_view declaration) {
  for (std::string_view keyword : {"async function ", "function ", "class ", "const "}) {
    if (!declaration.starts_with(keyword)) continue;
    std::string_view rest = declaration.substr(keyword.size());
    std::size_t n = 0;
    while (n < rest.size() && identifier_char(rest[n])) ++n;
    if (!identifier(rest.substr(0, n))) break;
    return std::string(rest.substr(0, n));
  }
  refuse(file, "an export other than of one function, class or const: " +
                   std::string(declaration.substr(0, declaration.find('\n'))));
}

Module read_module(const fs::path& root, const std::string& file) {
  const fs::path path = root / file;
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) refuse(file, "no such module");
  if (size > kMaxModuleBytes) refuse(file, "larger than the limit of a module");
  std::ifstream in(path, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  if (!in && !in.eof()) refuse(file, "unreadable");

  Module m;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    end = end == std::string::npos ? text.size() : end + 1;
    std::string_view line(text.data() + pos, end - pos);
    if (line.starts_with("import ") || line.starts_with("import{")) {
      // The statement runs to its semicolon, maybe over several lines.
      const std::size_t semi = text.find(';', pos);
      if (semi == std::string::npos) refuse(file, "an import without its `;`");
      m.imports.push_back(parse_import(file, std::string_view(text.data() + pos, semi + 1 - pos)));
      end = text.find('\n', semi);
      end = end == std::string::npos ? text.size() : end + 1;
      m.body += '\n';  // keeps the count of lines before the code (not exact after a long import)
    } else if (line.starts_with("export ")) {
      m.exports.push_back(exported_name(file, line.substr(7)));
      m.body.append(line.substr(7));
    } else {
      m.body.append(line);
    }
    pos = end;
  }
  return m;
}

// A module's variable in the joined file: __territorio_edit_api for edit-api.js.
std::string variable(std::string_view name) {
  name = name.substr(0, name.rfind('.'));
  std::string out = "__territorio_";
  for (char c : name) out += identifier_char(c) && c != '$' ? c : '_';
  return out;
}

// './x.js' names a module of root; an absolute path stays an import.
bool local(const std::string& file, const std::string& specifier, std::string& name) {
  if (specifier.starts_with('/')) return false;
  if (!specifier.starts_with("./") || specifier.find('/', 2) != std::string::npos || !specifier.ends_with(".js"))
    refuse(file, "an import that is neither './name.js' nor an absolute path: " + specifier);
  name = specifier.substr(2);
  return true;
}

std::string destructure(const Import& import) {
  std::string out = "{ ";
  for (std::size_t i = 0; i < import.names.size(); ++i) {
    if (i) out += ", ";
    const auto& [name, as] = import.names[i];
    out += name == as ? name : name + ": " + as;
  }
  return out + " }";
}

class Joiner {
 public:
  explicit Joiner(fs::path root) : root_(std::move(root)) {}

  Bundle join(const std::string& entry) {
    visit(entry);
    Bundle out;
    out.text =
        "// The map page's modules joined by the server (server/routes/web_bundle.h); the sources are web/*.js.\n";
    for (const auto& [specifier, var] : external_)
      out.text += "import * as " + var + " from '" + specifier + "';\n";
    out.text += body_;
    out.files = std::move(files_);
    return out;
  }

 private:
  void visit(const std::string& file) {
    if (done_.count(file)) return;
    if (!open_.insert(file).second) refuse(file, "imports itself through a cycle");
    if (files_.size() >= kMaxModules) refuse(file, "one module more than the limit");
    Module m = read_module(root_, file);
    std::string head;
    for (const Import& import : m.imports) {
      std::string name;
      std::string source;
      if (local(file, import.specifier, name)) {
        visit(name);
        source = variable(name);
      } else {
        auto [it, added] = external_.emplace(import.specifier, "");
        if (added) it->second = "__territorio_external_" + std::to_string(external_.size());
        source = it->second;
      }
      head += "const " + destructure(import) + " = " + source + ";\n";
    }
    body_ += "\n// web/" + file + "\nconst " + variable(file) + " = (() => {\n" + head + m.body;
    if (!m.body.empty() && m.body.back() != '\n') body_ += '\n';
    body_ += "return { ";
    for (std::size_t i = 0; i < m.exports.size(); ++i) body_ += (i ? ", " : "") + m.exports[i];
    body_ += " };\n})();\n";
    open_.erase(file);
    done_.insert(file);
    files_.push_back(root_ / file);
  }

  fs::path root_;
  std::set<std::string> done_, open_;
  std::map<std::string, std::string> external_;  // specifier -> namespace variable
  std::string body_;
  std::vector<fs::path> files_;
};

}  // namespace

Bundle bundle_modules(const fs::path& root, const std::string& entry) { return Joiner(root).join(entry); }

}  // namespace server::routes
