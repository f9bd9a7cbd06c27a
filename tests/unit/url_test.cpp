#include <catch2/catch.hpp>

#include "browser/grid.h"
#include "core/url.h"

using namespace pacts;

TEST_CASE("url patterns keep the page and drop what varies") {
  CHECK(url_pattern("https://Shop.Example.com/inventory.html?sort=az#top") == "https://shop.example.com/inventory.html");
  CHECK(url_pattern("https://app.example.com/orders/12345/edit") == "https://app.example.com/orders/*/edit");
  CHECK(url_pattern("https://app.example.com/u/3f2504e0-4f89-41d3-9a0c-0305e82c3301") == "https://app.example.com/u/*");
  CHECK(url_pattern("https://x.org/commit/a94a8fe5ccb19ba61c4c0873d391e987982fbbd3") == "https://x.org/commit/*");
  CHECK(url_pattern("https://crm.example.com/lightning/r/Opportunity/006Dn000004GxYzIAK/view") ==
        "https://crm.example.com/lightning/r/Opportunity/*/view");
  CHECK(url_pattern("https://x.org/archive/2024-01-31/") == "https://x.org/archive/*");
  CHECK(url_pattern("https://en.wikipedia.org/wiki/Albert_Einstein") == "https://en.wikipedia.org/wiki/Albert_Einstein");
  CHECK(url_pattern("http://example.com:80/a/") == "http://example.com/a");
  CHECK(url_pattern("http://example.com") == "http://example.com/");
}

TEST_CASE("client-side routes in the fragment are part of the pattern, anchors are not") {
  CHECK(url_pattern("https://app.io/#/orders/17?tab=2") == "https://app.io/#/orders/*");
  CHECK(url_pattern("https://app.io/docs#section-3") == "https://app.io/docs");
}

TEST_CASE("pages under the run's base URL share one pattern whatever the port") {
  CHECK(url_pattern("http://127.0.0.1:40211/shop/inventory.html", "http://127.0.0.1:40211/") ==
        "{base}/shop/inventory.html");
  CHECK(url_pattern("http://127.0.0.1:51873/shop/inventory.html", "http://127.0.0.1:51873") ==
        "{base}/shop/inventory.html");
  CHECK(url_pattern("https://staging.example.com/app/items/9", "https://staging.example.com/app/") == "{base}/items/*");
  // Another origin stays absolute.
  CHECK(url_pattern("https://other.example.com/x", "http://127.0.0.1:4000/") == "https://other.example.com/x");
}

TEST_CASE("short words and names are not variable segments") {
  CHECK_FALSE(is_variable_path_segment("v2"));
  CHECK_FALSE(is_variable_path_segment("inventory.html"));
  CHECK_FALSE(is_variable_path_segment("checkout-step-one"));
  CHECK_FALSE(is_variable_path_segment("deadbeef-cafe"));  // a word-like slug, no digits
  CHECK(is_variable_path_segment("42"));
}

TEST_CASE("relative URLs resolve against a base") {
  CHECK(resolve_url("http://127.0.0.1:8080/", "/wiki/") == "http://127.0.0.1:8080/wiki/");
  CHECK(resolve_url("http://h/shop/index.html", "cart.html") == "http://h/shop/cart.html");
  CHECK(resolve_url("http://h/shop/index.html", "../wiki/x?y=1#z") == "http://h/wiki/x?y=1#z");
  CHECK(resolve_url("http://h/a/b", "https://other/x") == "https://other/x");
  CHECK(resolve_url("https://h/a", "//cdn/x") == "https://cdn/x");
  CHECK(resolve_url("http://h/a/b?q=1", "#top") == "http://h/a/b?q=1#top");
  CHECK(resolve_url("http://h/a/b", "?q=2") == "http://h/a/b?q=2");
}

TEST_CASE("url-looking text") {
  CHECK(looks_like_url("/cart.html"));
  CHECK(looks_like_url("https://example.com"));
  CHECK(looks_like_url("www.example.com"));
  CHECK_FALSE(looks_like_url("shopping cart"));
  CHECK_FALSE(looks_like_url("checkout"));
}

TEST_CASE("a Grid's se:cdp is used as given unless its host is a wildcard, which becomes the Grid's host") {
  const std::string grid = "http://grid.local:4444";
  CHECK(reachable_cdp_url("ws://10.0.0.5:4444/session/abc/se/cdp", grid) == "ws://10.0.0.5:4444/session/abc/se/cdp");
  CHECK(reachable_cdp_url("ws://0.0.0.0:4444/session/abc/se/cdp", grid) == "ws://grid.local:4444/session/abc/se/cdp");
  CHECK(reachable_cdp_url("ws://[::]:5555/session/abc/se/cdp", grid) == "ws://grid.local:5555/session/abc/se/cdp");
}
