#include "run/recording.h"

#include <filesystem>
#include <fstream>

#include <fmt/format.h>
#include <openssl/evp.h>

#include "browser/page.h"
#include "core/clock.h"
#include "core/ids.h"
#include "core/secret.h"
#include "run/observer.h"
#include "store/store.h"

namespace pacts {

namespace fs = std::filesystem;

std::string sha256_hex(const std::string& data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_Digest(data.data(), data.size(), digest, &len, EVP_sha256(), nullptr);
  std::string out;
  for (unsigned int i = 0; i < len; ++i) out += fmt::format("{:02x}", digest[i]);
  return out;
}

bool Recorder::store_safely(const std::function<void(Store&)>& write) {
  if (!store_) return false;
  try {
    write(*store_);
    return true;
  } catch (const Error& e) {
    if (e.kind() != ErrorKind::Setup) throw;  // a bug in PACTS is not hidden behind a warning
    // The run goes on; the records it could not write are lost for this run only, and said so once.
    if (!store_warned_) observer_.warning(fmt::format("could not record this run in the store: {}", e.what()));
    store_warned_ = true;
    return false;
  }
}

void Recorder::heal_outcome(const HealOutcome& outcome) {
  store_safely([&](Store& s) { s.record_heal_outcome(outcome); });
}

std::vector<HealStatsRow> Recorder::heal_stats(const std::string& url_pattern, const std::string& cache_key) {
  std::vector<HealStatsRow> rows;
  store_safely([&](Store& s) { rows = s.heal_stats(url_pattern, cache_key); });
  return rows;
}

void Recorder::run_started(const RunRecord& run) {
  run_recorded_ = store_safely([&](Store& s) { s.begin_run(run); });
}

void Recorder::run_finished(const TestResult& result) {
  if (!run_recorded_) return;  // its steps would have no run to belong to
  for (const auto& s : result.steps) store_safely([&](Store& st) { st.add_step(s); });
  for (const auto& a : result.assertions) store_safely([&](Store& st) { st.add_step(a); });
  store_safely([&](Store& s) { s.finish_run(result); });
}

std::string Recorder::keep(TestResult& result, const std::string& file, const std::string& bytes, const char* kind,
                           std::optional<int> step_index) {
  std::ofstream out(file, std::ios::binary);
  out << bytes;
  out.close();
  if (!out) throw std::runtime_error("cannot write " + file);
  std::string abs = fs::absolute(file).string();
  result.artifacts.push_back(abs);
  ArtifactRecord a{new_uuid_v7(), result.id, step_index, kind, abs, static_cast<int64_t>(bytes.size()),
                   sha256_hex(bytes), now_iso8601()};
  if (run_recorded_) store_safely([&](Store& s) { s.add_artifact(a); });
  return abs;
}

std::string Recorder::saving(const char* what, bool& warned, const std::function<std::string()>& take) {
  try {
    return take();
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::Interrupted) throw;
    if (!warned) observer_.warning(fmt::format("could not save {}: {}", what, e.what()));
    warned = true;
  } catch (const std::exception& e) {
    if (!warned) observer_.warning(fmt::format("could not save {}: {}", what, e.what()));
    warned = true;
  }
  return "";
}

std::string Recorder::screenshot(Page& page, TestResult& result, const std::string& name,
                                 std::optional<int> step_index, bool failure, bool healed) {
  if (screenshots_ == "off" || (screenshots_ != "all" && !failure && !healed)) return "";
  fs::path dir = fs::path(artifacts_dir_) / result.id;
  std::string shot = saving("a screenshot", screenshot_warned_, [&] {
    std::string png = page.screenshot_png();
    fs::create_directories(dir);
    return keep(result, (dir / (name + ".png")).string(), png, "screenshot", step_index);
  });
  if (!shot.empty() && failure) dom_snapshot(page, result, (dir / (name + ".html")).string(), step_index);
  return shot;
}

namespace {
// A copy of the document without the values of password fields (a live value is never in outerHTML; a value
// attribute a script set would be).
constexpr const char* kOuterHtml = R"JS((() => {
  const root = document.documentElement.cloneNode(true);
  for (const input of root.querySelectorAll('input[type=password i]')) input.removeAttribute('value');
  return (document.doctype ? '<!DOCTYPE ' + document.doctype.name + '>\n' : '') + root.outerHTML;
})())JS";
}  // namespace

void Recorder::dom_snapshot(Page& page, TestResult& result, const std::string& file, std::optional<int> step_index) {
  saving("the page's HTML", snapshot_warned_, [&] {
    std::string html = mask_secrets(page.evaluate(kOuterHtml, std::chrono::milliseconds(5000)));
    return keep(result, file, html, "html", step_index);
  });
}

void mask_echoes(StepRecord& r) {
  r.error = mask_secrets(r.error);
  for (auto& c : r.candidates) c = mask_secrets(c);
  for (auto* field : {&r.value, &r.selector, &r.target}) {
    if (*field) **field = mask_secrets(**field);
  }
}

void mask_echoes(RunRecord& r) {
  r.error = mask_secrets(r.error);
  r.url = mask_secrets(r.url);
}

}  // namespace pacts
