# Sanitizer and fuzzing options (scripts/sanitizer-build.sh turns both on for build-asan/); both off by default.
#
# PACTS_SANITIZE=address,undefined compiles and links every target with those sanitizers. Undefined behaviour
# is fatal (-fno-sanitize-recover): a UBSan report fails the test that triggered it, like an ASan report does.
# PACTS_FUZZ=ON (clang only) adds libFuzzer's coverage instrumentation to every target and builds the
# harnesses of tests/fuzz as fuzz_<name> executables.
set(PACTS_SANITIZE "" CACHE STRING "sanitizers for every target, comma-separated (e.g. address,undefined); empty: none")
option(PACTS_FUZZ "build the libFuzzer harnesses of tests/fuzz (clang only)" OFF)

if(PACTS_SANITIZE)
  add_compile_options(-fsanitize=${PACTS_SANITIZE} -fno-omit-frame-pointer -fno-optimize-sibling-calls)
  add_link_options(-fsanitize=${PACTS_SANITIZE})
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC's sanitizer instrumentation makes -Wmaybe-uninitialized report false positives inside libstdc++
    # (std::function in <regex>); the normal build keeps the warning.
    add_compile_options(-Wno-maybe-uninitialized)
  endif()
  if(PACTS_SANITIZE MATCHES "undefined")
    add_compile_options(-fno-sanitize-recover=undefined)
    add_link_options(-fno-sanitize-recover=undefined)
  endif()
endif()

if(PACTS_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "PACTS_FUZZ needs clang (libFuzzer); configure with CXX=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
