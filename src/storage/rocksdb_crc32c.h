// RocksDB's CRC32C, replaced at link time by base's (the functions of RocksDB's
// util/crc32c.cc are defined in rocksdb_crc32c.cc, so the linker never takes RocksDB's own).
//
// Why: Debian builds librocksdb.a portable, without SSE4.2, so RocksDB checksums every WAL
// record, MANIFEST record and blob record with a portable table loop -- 8% of the server's CPU
// in a 4 KiB PutObject run (docs/benchmarks.md, "RocksDB's checksums on the CPU's CRC
// instructions"). base/checksum.h computes the same CRC32C with the SSE4.2 and PCLMULQDQ
// instructions when the CPU has them; the values are identical, so data dirs written either way
// read the same. (Table blocks are checksummed with XXH3, RocksDB 7.8's default, not CRC32C.)
//
// Thread-safety: pure functions, callable from any thread.
#pragma once

namespace skybox::storage {

// True when RocksDB's CRC32C of "123456789" is the standard check value 0xE3069283.
// RocksDbEngine::Open refuses to run without it (and so always links the replacement in).
bool RocksDbCrc32cIsCorrect();

}  // namespace skybox::storage
