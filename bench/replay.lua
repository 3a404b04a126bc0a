-- wrk script: replays one pre-signed request (POST / with the headers and body written by
-- sign_request.py into the directory named by $SIGNED_REQUEST_DIR) on every connection.
local dir = os.getenv("SIGNED_REQUEST_DIR") or error("set SIGNED_REQUEST_DIR")

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local text = f:read("*a")
  f:close()
  return text
end

wrk.method = "POST"
wrk.path = "/"
wrk.body = read_file(dir .. "/body.txt")
for line in read_file(dir .. "/headers.txt"):gmatch("[^\n]+") do
  local name, value = line:match("^([^:]+):%s*(.*)$")
  wrk.headers[name] = value
end
