-- Shared by every wrk run of the benchmark. With BENCH_PATHS naming a file of request paths, each request picks
-- one at random (mixed load); otherwise wrk's URL is requested. done() prints one JSON line that the driver reads.
local paths = nil
local threads = 0

-- Runs in the main state once per thread: numbers the threads so each seeds its own random sequence.
function setup(thread)
  threads = threads + 1
  thread:set("thread_number", threads)
end

function init(args)
  local file = os.getenv("BENCH_PATHS")
  if file and file ~= "" then
    paths = {}
    for line in io.lines(file) do
      if line ~= "" then paths[#paths + 1] = line end
    end
    math.randomseed(os.time() * 100 + (thread_number or 0))
  end
end

function request()
  if paths then
    return wrk.format("GET", paths[math.random(#paths)])
  end
  return wrk.format()
end

-- Percentiles of the latency distribution (microseconds) for the plot and the table.
local points = {1, 5, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97.5, 99, 99.5, 99.9, 99.99, 100}

function done(summary, latency, requests)
  local distribution = {}
  for _, p in ipairs(points) do
    distribution[#distribution + 1] = string.format("[%g,%d]", p, latency:percentile(p))
  end
  local e = summary.errors
  io.write(string.format(
    'BENCH-JSON {"durationMicroseconds":%d,"requests":%d,"bytes":%d,"connectErrors":%d,"readErrors":%d,' ..
    '"writeErrors":%d,"timeouts":%d,"non2xx":%d,"meanMicroseconds":%f,"maxMicroseconds":%d,"percentiles":[%s]}\n',
    summary.duration, summary.requests, summary.bytes, e.connect, e.read, e.write, e.timeout, e.status,
    latency.mean, latency.max, table.concat(distribution, ",")))
end
