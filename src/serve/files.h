#pragma once
// What a request target names in a served folder: a file to send, a folder to redirect to with its trailing
// slash, or a refusal. Pure file-system logic, without sockets, so it can be tested on its own.
//
// Only what lies inside the folder once every symlink on the way is resolved is served: a link inside the
// folder to /etc/passwd, or a path that climbs out with "..", is Forbidden. A folder is served as its
// index.html.
#include <string>
#include <vector>

namespace pacts {

struct ServedPath {
  enum class Kind { File, Redirect, Forbidden, NotFound, BadRequest };
  Kind kind = Kind::NotFound;
  std::string file;      // File: the file to send (inside the folder)
  std::string location;  // Redirect: where to
};

// root: the served folder, canonical (no symlinks, no trailing slash). target: the request target as sent
// ("/a%20b/page.html?x=1"); its query is ignored, except that a redirect keeps it.
ServedPath resolve_request(const std::string& root, const std::string& target);
// Folders laid over one another (`--serve v2 --serve v1`): the first folder's answer that is not NotFound, so
// that a folder of changed pages can stand on one that has the rest. A refusal (Forbidden, BadRequest) stops
// there.
ServedPath resolve_request(const std::vector<std::string>& roots, const std::string& target);

// The Content-Type for a file, by its extension; text types carry charset=utf-8. application/octet-stream
// for anything unknown.
const char* content_type(const std::string& file);

}  // namespace pacts
