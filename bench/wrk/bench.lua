-- wrk script for bench/run.sh. The scenario comes from the environment:
--   BENCH_MODE=get      GET BENCH_PATH (optional BENCH_BEARER: Authorization: Bearer ...)
--   BENCH_MODE=post     POST BENCH_BODY (form) to BENCH_PATH (optional BENCH_AUTH: Authorization header value)
--   BENCH_MODE=refresh  refresh_token grant with rotation: each wrk thread takes its share of the
--                       pool in BENCH_POOL (lines "access refresh"), sends one refresh token per
--                       request and puts the refresh token of each response back in its queue, so
--                       a spent token is never sent again while the queue is not empty.
-- done() prints one line "BENCHJSON {...}" with requests, duration and latency percentiles.
local mode = os.getenv("BENCH_MODE") or "get"
local path = os.getenv("BENCH_PATH") or "/"
wrk.path = path
local threads = {}
local counter = 0

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
  table.insert(threads, thread)
end

local queue, head, tail = {}, 1, 0
local last
local form_headers = { ["Content-Type"] = "application/x-www-form-urlencoded" }

function init(args)
  if mode == "post" then
    wrk.method = "POST"
    wrk.body = os.getenv("BENCH_BODY") or ""
    wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
    local auth = os.getenv("BENCH_AUTH")
    if auth and auth ~= "" then wrk.headers["Authorization"] = auth end
  elseif mode == "get" then
    local bearer = os.getenv("BENCH_BEARER")
    if bearer and bearer ~= "" then wrk.headers["Authorization"] = "Bearer " .. bearer end
  elseif mode == "refresh" then
    local n = tonumber(os.getenv("BENCH_THREADS") or "1")
    local i = 0
    for line in io.lines(os.getenv("BENCH_POOL")) do
      local rt = line:match("%S+%s+(%S+)")
      if rt and (i % n) == id then
        tail = tail + 1
        queue[tail] = rt
      end
      i = i + 1
    end
    last = queue[tail]
  end
end

local client_id = os.getenv("BENCH_CLIENT_ID") or ""

if mode == "refresh" then
  request = function()
    local rt
    if head <= tail then
      rt = queue[head]
      queue[head] = nil
      head = head + 1
    else
      rt = last -- pool exhausted: a spent token, counted as a non-2xx error
    end
    return wrk.format("POST", path, form_headers,
      "grant_type=refresh_token&client_id=" .. client_id .. "&refresh_token=" .. rt)
  end

  response = function(status, headers, body)
    local rt = body:match('"refresh_token"%s*:%s*"([^"]+)"')
    if rt then
      tail = tail + 1
      queue[tail] = rt
      last = rt
    end
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCHJSON {"requests":%d,"duration_us":%d,"bytes":%d,"errors_connect":%d,"errors_read":%d,"errors_write":%d,"errors_status":%d,"errors_timeout":%d,"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
