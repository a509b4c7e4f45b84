-- wrk script of `make bench` (escalatiepunten/loadbench.py): every connection asks the paths
-- of BENCH_PATHS in turn, with the session cookie BENCH_COOKIE; done() writes the figures
-- as JSON to BENCH_OUT (latencies in microseconds).

local paths = {}
local next_path = 0
local cookie = os.getenv("BENCH_COOKIE")

function init(args)
  for line in io.lines(os.getenv("BENCH_PATHS")) do
    if line ~= "" then
      paths[#paths + 1] = line
    end
  end
  -- Threads start at different places in the list, so they do not ask the same page.
  next_path = math.random(#paths)
end

function request()
  next_path = next_path % #paths + 1
  return wrk.format("GET", paths[next_path], { ["Cookie"] = cookie })
end

function done(summary, latency, requests)
  local errors = summary.errors
  local out = io.open(os.getenv("BENCH_OUT"), "w")
  out:write(string.format(
    '{"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d, ' ..
    '"max_us": %d, "mean_us": %.1f, "errors": {"connect": %d, "read": %d, "write": %d, ' ..
    '"status": %d, "timeout": %d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean, errors.connect, errors.read,
    errors.write, errors.status, errors.timeout))
  out:close()
end
