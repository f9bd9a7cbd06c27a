// --data rows: a CSV file (a header row, then one row per test; RFC 4180 quoting) or a JSON array of objects.
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/error.h"
#include "core/text.h"
#include "plan/loader.h"

namespace pacts {

namespace {

struct CsvRow {
  int line = 0;
  std::vector<std::string> cells;
};

// Cells separated by commas; a cell in double quotes may hold commas, line breaks and "" for a quote.
std::vector<CsvRow> parse_csv(const std::string& path, const std::string& text) {
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string cell;
  bool quoted = false, any = false;
  int line = 1;
  row.line = 1;
  auto end_cell = [&] {
    row.cells.push_back(quoted ? cell : trim(cell));
    cell.clear();
    quoted = false;
  };
  auto end_row = [&] {
    end_cell();
    bool blank = row.cells.size() == 1 && row.cells[0].empty();
    if (!blank) rows.push_back(std::move(row));
    row = CsvRow{};
    row.line = line;
    any = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted && any) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        any = false;  // the closing quote; what follows up to the comma must be blank
      } else {
        if (c == '\n') ++line;
        cell += c;
      }
      continue;
    }
    if (c == '"' && trim(cell).empty() && !quoted) {
      cell.clear();
      quoted = any = true;
    } else if (c == ',') {
      end_cell();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      ++line;
      end_row();
    } else if (quoted && !std::isspace(static_cast<unsigned char>(c))) {
      throw_bad_input(fmt::format("{}:{}: text after a quoted cell's closing quote", path, line));
    } else {
      cell += c;
    }
  }
  if (quoted && any) throw_bad_input(fmt::format("{}:{}: a quoted cell is never closed", path, row.line));
  if (!cell.empty() || !row.cells.empty()) end_row();
  return rows;
}

std::vector<std::map<std::string, std::string>> csv_rows(const std::string& path, const std::string& text) {
  auto rows = parse_csv(path, text);
  if (rows.empty()) throw_bad_input(fmt::format("{}: no header row (the first row names the columns)", path));
  const auto& header = rows.front().cells;
  for (size_t c = 0; c < header.size(); ++c)
    if (header[c].empty()) throw_bad_input(fmt::format("{}:{}: column {} has no name", path, rows.front().line, c + 1));
  std::vector<std::map<std::string, std::string>> out;
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r].cells.size() != header.size())
      throw_bad_input(fmt::format("{}:{}: {} cells, the header has {}", path, rows[r].line, rows[r].cells.size(),
                                  header.size()));
    std::map<std::string, std::string> m;
    for (size_t c = 0; c < header.size(); ++c) m[header[c]] = rows[r].cells[c];
    out.push_back(std::move(m));
  }
  return out;
}

std::vector<std::map<std::string, std::string>> json_rows(const std::string& path, const std::string& text) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) throw_bad_input(fmt::format("{}: not valid JSON", path));
  if (!doc.is_array()) throw_bad_input(fmt::format("{}: the rows must be a JSON array of objects", path));
  std::vector<std::map<std::string, std::string>> out;
  for (size_t i = 0; i < doc.size(); ++i) {
    const auto& row = doc[i];
    if (!row.is_object()) throw_bad_input(fmt::format("{}: row [{}] is not an object", path, i));
    std::map<std::string, std::string> m;
    for (auto it = row.begin(); it != row.end(); ++it) {
      const auto& v = it.value();
      if (v.is_object() || v.is_array())
        throw_bad_input(fmt::format("{}: row [{}].{} must be a text or a number", path, i, it.key()));
      m[it.key()] = v.is_string() ? v.get<std::string>() : v.is_null() ? std::string() : v.dump();
    }
    // Every row has the first row's columns: a missing one would leave a test's variable unbound.
    if (!out.empty())
      for (const auto& [k, v] : out.front())
        if (!m.count(k)) throw_bad_input(fmt::format("{}: row [{}] has no \"{}\" (row [0] has it)", path, i, k));
    if (!out.empty() && m.size() != out.front().size())
      for (const auto& [k, v] : m)
        if (!out.front().count(k)) throw_bad_input(fmt::format("{}: row [{}] has \"{}\", which row [0] has not", path, i, k));
    out.push_back(std::move(m));
  }
  return out;
}

}  // namespace

std::vector<std::map<std::string, std::string>> read_data_rows(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw_bad_input(fmt::format("--data {}: no such file", path));
  std::ifstream in(path, std::ios::binary);
  std::stringstream buf;
  buf << in.rdbuf();
  std::string text = buf.str();
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text = text.substr(3);
  std::string ext = to_lower(std::filesystem::path(path).extension().string());
  std::vector<std::map<std::string, std::string>> rows;
  if (ext == ".csv") rows = csv_rows(path, text);
  else if (ext == ".json") rows = json_rows(path, text);
  else throw_bad_input(fmt::format("--data {}: give a .csv or a .json file", path));
  if (rows.empty()) throw_bad_input(fmt::format("--data {}: no rows under the header", path));
  return rows;
}

}  // namespace pacts
