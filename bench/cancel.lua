-- wrk script: each request cancels the next order id in turn (ids 1..N were placed beforehand),
-- so every request is a real first cancel with its refund, committed before the answer.
local counter = 0
local first = tonumber(os.getenv("FIRST_ID") or "1")
local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  step = tonumber(os.getenv("THREADS") or "2")
end

request = function()
  local id = first + offset + counter * step
  counter = counter + 1
  return wrk.format("POST", "/v1/orders/" .. id .. "/cancel", {
    ["Authorization"] = "Bearer ordo_demo_native_key",
  })
end
