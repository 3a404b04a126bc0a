# Every third-party dependency comes from Debian's packages (scripts/setup.sh installs them).
find_package(Threads REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(ZLIB REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(EXPAT REQUIRED)
find_package(GTest REQUIRED)

# RocksDB is linked statically: a process with the shared library idles ~4 MiB larger
# and opens its database ~2 ms slower (docs/design/0001-foundation.md).
find_library(ROCKSDB_STATIC librocksdb.a REQUIRED)
find_library(SNAPPY_LIB snappy REQUIRED)
find_library(LZ4_LIB lz4 REQUIRED)
find_library(ZSTD_LIB zstd REQUIRED)
find_library(BZ2_LIB bz2 REQUIRED)
add_library(rocksdb_static INTERFACE)
target_link_libraries(rocksdb_static INTERFACE ${ROCKSDB_STATIC} ${SNAPPY_LIB} ${LZ4_LIB}
                      ${ZSTD_LIB} ${BZ2_LIB} ZLIB::ZLIB Threads::Threads dl)

# mimalloc is the skybox executable's allocator: with glibc's malloc, requests spent 10-25% of
# their CPU in _int_malloc / malloc_consolidate on the KB-sized buffers they allocate and free
# (docs/benchmarks.md, "Allocator"). Not under the sanitizers, which bring their own allocator.
# Decided here on every configure (not by the cached library path), so that turning the
# sanitizers on in a build directory configured without them drops mimalloc.
set(SKYBOX_MIMALLOC OFF)
if(NOT SKYBOX_SANITIZE AND NOT SKYBOX_FUZZ)
  find_library(MIMALLOC_LIB mimalloc REQUIRED)
  set(SKYBOX_MIMALLOC ON)
else()
  unset(MIMALLOC_LIB CACHE)
endif()
