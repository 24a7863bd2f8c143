-- A mix of what the registry serves most, for wrk: public catalogue reads, skill search, and
-- learner reads with an API token. Set by Scripts/load.sh through the environment:
-- ERKEND_TOKEN (a bearer token) and ERKEND_LEARNERS (learner ids, separated by commas).

local token = os.getenv("ERKEND_TOKEN") or ""
local learners = {}
for id in string.gmatch(os.getenv("ERKEND_LEARNERS") or "", "[^,]+") do learners[#learners + 1] = id end

local public = {
  "/api/v1/programmes/SD-25604",
  "/api/v1/units?pageSize=50",
  "/api/v1/units/GEN-DIGI",
  "/api/v1/units/GEN-DIGI/usage",
  "/api/v1/epas/SD-EPA-K1",
  "/api/v1/outcomes?pageSize=20",
  "/api/v1/skills?q=softw&lang=en",
  "/api/v1/skills?q=digit&lang=nl",
  "/api/v1/skills?q=commun&lang=en",
  "/api/v1/occupations?q=verpleeg",
}

local counter = 0

function request()
  counter = counter + 1
  -- Every fourth request reads a learner with the token; the rest are public reads.
  if counter % 4 == 0 and #learners > 0 then
    local learner = learners[math.floor(counter / 4) % #learners + 1]
    local path = (counter % 8 == 0) and ("/api/v1/learners/" .. learner) or "/api/v1/learners?pageSize=20"
    return wrk.format("GET", path, { ["Authorization"] = "Bearer " .. token })
  end
  return wrk.format("GET", public[counter % #public + 1])
end

function done(summary, latency, requests)
  local errors = summary.errors
  local socket = errors.connect + errors.read + errors.write + errors.timeout
  io.write(string.format(
    "RESULT requests=%d seconds=%.1f rps=%.0f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d (connect %d, read %d, write %d, timeout %d)\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    errors.status, socket, errors.connect, errors.read, errors.write, errors.timeout))
end
