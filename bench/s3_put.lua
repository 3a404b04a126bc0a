-- wrk script: PutObject through presigned PUT URLs, a different key on every request. The URL
-- paths (one a line, from s3_sigv4.py --count) are read from $S3_PUT_URLS; wrk thread i of
-- $S3_PUT_THREADS takes URLs i, i + threads, ... and starts over when it runs out (an overwrite
-- is a durable write too). The body is $S3_PUT_SIZE bytes (default 4096).
local urls_file = os.getenv("S3_PUT_URLS") or error("set S3_PUT_URLS")
local stride = tonumber(os.getenv("S3_PUT_THREADS") or "1")
local body = string.rep("s", tonumber(os.getenv("S3_PUT_SIZE") or "4096"))
local started = 0

function setup(thread)
  thread:set("first", started + 1)
  started = started + 1
end

local urls, next_index = {}, 1

function init(args)
  for line in io.lines(urls_file) do urls[#urls + 1] = line end
  next_index = first
end

function request()
  local path = urls[next_index]
  next_index = next_index + stride
  if next_index > #urls then next_index = first end
  return wrk.format("PUT", path, nil, body)
end
