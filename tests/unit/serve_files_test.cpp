// What a request target names in a served folder (serve/files.h): on a real folder with real symlinks.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/temp_dir.h"
#include "serve/files.h"

using namespace pacts;
namespace fs = std::filesystem;
using Kind = ServedPath::Kind;

namespace {

struct Folder {
  TempDir dir{"pacts-files"};
  std::string root = fs::canonical(dir.path()).string();
  Folder() {
    fs::create_directories(root + "/shop");
    std::ofstream(root + "/index.html") << "home";
    std::ofstream(root + "/shop/index.html") << "shop";
    std::ofstream(root + "/shop/a b.html") << "spaced";
    fs::create_symlink("/etc/passwd", root + "/passwd");
    fs::create_symlink("/etc", root + "/etc");
    fs::create_symlink(root + "/shop/index.html", root + "/alias.html");
  }
};

}  // namespace

TEST_CASE("a request names a file inside the served folder, a folder is served as its index") {
  Folder f;
  auto home = resolve_request(f.root, "/");
  CHECK(home.kind == Kind::File);
  CHECK(home.file == f.root + "/index.html");
  CHECK(resolve_request(f.root, "/shop/").file == f.root + "/shop/index.html");
  CHECK(resolve_request(f.root, "/shop/a%20b.html?x=1#top").file == f.root + "/shop/a b.html");
  CHECK(resolve_request(f.root, "/alias.html").kind == Kind::File);  // a link that stays inside is fine
  auto folder = resolve_request(f.root, "/shop?page=2");
  CHECK(folder.kind == Kind::Redirect);
  CHECK(folder.location == "/shop/?page=2");
  CHECK(resolve_request(f.root, "/missing.html").kind == Kind::NotFound);
}

TEST_CASE("nothing outside the served folder is served, symlinks resolved") {
  Folder f;
  for (const char* target : {"/passwd", "/etc/passwd", "/etc/", "/etc", "/../etc/passwd", "/shop/../../etc/passwd",
                             "/%2e%2e/%2e%2e/etc/passwd"}) {
    INFO(target);
    CHECK(resolve_request(f.root, target).kind == Kind::Forbidden);
  }
}

TEST_CASE("a malformed request target is a bad request") {
  Folder f;
  for (const char* target : {"", "index.html", "http://example.com/", "/%zz", "/%4", "/a%00.html"}) {
    INFO(target);
    CHECK(resolve_request(f.root, target).kind == Kind::BadRequest);
  }
}

TEST_CASE("content types follow the extension, text in UTF-8") {
  CHECK(std::string(content_type("/a/index.HTML")) == "text/html; charset=utf-8");
  CHECK(std::string(content_type("app.mjs")) == "text/javascript; charset=utf-8");
  CHECK(std::string(content_type("font.woff2")) == "font/woff2");
  CHECK(std::string(content_type("data.bin")) == "application/octet-stream");
  CHECK(std::string(content_type("README")) == "application/octet-stream");
}

TEST_CASE("folders laid over one another serve each path from the first folder that has it") {
  Folder v1;
  TempDir v2_dir{"pacts-files-v2"};
  std::string v2 = fs::canonical(v2_dir.path()).string();
  fs::create_directories(v2 + "/shop");
  std::ofstream(v2 + "/shop/cart.html") << "cart v2";
  fs::create_symlink("/etc/passwd", v2 + "/index.html");
  std::vector<std::string> roots = {v2, v1.root};
  auto changed = resolve_request(roots, "/shop/cart.html");
  CHECK(changed.kind == Kind::File);
  CHECK(changed.file == v2 + "/shop/cart.html");
  auto kept = resolve_request(roots, "/shop/");  // v2's shop has no index.html: v1's
  CHECK(kept.kind == Kind::File);
  CHECK(kept.file == v1.root + "/shop/index.html");
  CHECK(resolve_request(roots, "/index.html").kind == Kind::Forbidden);  // a refusal is not passed on
  CHECK(resolve_request(roots, "/nowhere.html").kind == Kind::NotFound);
}
