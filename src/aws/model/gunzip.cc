#include <zlib.h>

#include "aws/model/embedded_models.h"

namespace skybox::aws {

Result<std::string> Gunzip(std::string_view compressed) {
  z_stream zs{};
  // 16 + MAX_WBITS: expect a gzip header rather than a raw zlib stream.
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Internal("inflateInit2 failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(compressed.data()));
  zs.avail_in = static_cast<uInt>(compressed.size());
  std::string out;
  int rc = Z_OK;
  char buf[64 * 1024];
  while (rc == Z_OK) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof(buf);
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof(buf) - zs.avail_out);
    if (rc == Z_BUF_ERROR && zs.avail_in == 0) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status(StatusCode::kDataLoss, "corrupt gzip model data");
  return out;
}

}  // namespace skybox::aws
