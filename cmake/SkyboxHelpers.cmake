# skybox_library(NAME <name> SRCS <files> DEPS <targets>)
#   A static library of Skybox's own code, built with the house warnings as errors.
# skybox_test(NAME <name> SRCS <files> DEPS <targets>)
#   A GoogleTest binary registered with CTest (label "unit").
set(SKYBOX_WARNINGS -Wall -Wextra -Werror -Wno-missing-field-initializers)

function(skybox_library)
  cmake_parse_arguments(L "" "NAME" "SRCS;DEPS" ${ARGN})
  add_library(${L_NAME} STATIC ${L_SRCS})
  target_include_directories(${L_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(${L_NAME} PRIVATE ${SKYBOX_WARNINGS})
  target_link_libraries(${L_NAME} PUBLIC ${L_DEPS})
endfunction()

function(skybox_test)
  cmake_parse_arguments(T "" "NAME" "SRCS;DEPS" ${ARGN})
  add_executable(${T_NAME} ${T_SRCS})
  target_compile_options(${T_NAME} PRIVATE ${SKYBOX_WARNINGS})
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  gtest_discover_tests(${T_NAME} PROPERTIES LABELS unit DISCOVERY_TIMEOUT 60)
endfunction()
