# pacts_embed_files(OUT SYMBOL FILES...): generates OUT defining
#   const std::vector<pacts::EmbeddedFile>& SYMBOL();
# with each file's base name and contents, in the order given (sorted by the caller's glob).
function(pacts_embed_files out symbol)
  set(files ${ARGN})
  list(SORT files)
  string(REPLACE ";" "|" joined "${files}")
  add_custom_command(
    OUTPUT ${out}
    COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DSYMBOL=${symbol} "-DFILES=${joined}"
            -P ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    DEPENDS ${files} ${CMAKE_SOURCE_DIR}/cmake/EmbedScript.cmake
    COMMENT "Embedding ${symbol}"
    VERBATIM)
endfunction()
