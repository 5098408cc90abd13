-- wrk script: each request cancels the next Feee order in turn through Feee's own endpoint
-- (order numbers are PREFIX = YYMMDD of creation, then the order id in 16 digits).
local counter = 0
local first = tonumber(os.getenv("FIRST_ID") or "3")
local prefix = os.getenv("PREFIX")
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
  return wrk.format("POST", "/open/v2/order/cancel", {
    ["key"] = "ordo_demo_feee_key",
    ["Content-Type"] = "application/json",
  }, string.format('{"order_no":"%s%016d"}', prefix, id))
end

-- Feee answers HTTP 200 for refusals too: count the ones that are not code 0.
local refused = 0
response = function(status, headers, body)
  if not string.find(body, '"code":0,', 1, true) then
    refused = refused + 1
  end
end

done = function(summary, latency, requests)
  io.write(string.format("answers with a code other than 0 (per thread, last thread shown): %d\n", refused))
end
