-- wrk script: each request cancels the next order in turn (placed beforehand), so every request
-- is a real first cancel with its refund, committed before the answer.
-- DIALECT=native (default): POST /v1/orders/{id}/cancel, ids from FIRST_ID (1), every STRIDE-th
-- id (1: all; two wrk processes with STRIDE=2 and FIRST_ID one apart share the ids between them).
-- DIALECT=feee: POST /open/v2/order/cancel with order_no = PREFIX (YYMMDD) + the id in 16 digits,
-- ids from FIRST_ID (the scripts pass the id after the demo's own orders); answers other than code 0 are counted.
-- ORDERS (native): a file of "id key" lines (the orders to cancel, each with its owner's key); then
-- FIRST_ID and STRIDE count lines of that file rather than ids.
local counter = 0
local dialect = os.getenv("DIALECT") or "native"
local first = tonumber(os.getenv("FIRST_ID") or "1")
local prefix = os.getenv("PREFIX") or ""
local stride = tonumber(os.getenv("STRIDE") or "1")
local threads = {}
local refused = 0

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

local orders = {}
local file = os.getenv("ORDERS") and io.open(os.getenv("ORDERS"))
if file then
  for line in file:lines() do
    local id, key = line:match("^(%d+) (%S+)$")
    table.insert(orders, { id = id, key = key })
  end
  file:close()
end

function init(args)
  step = tonumber(os.getenv("THREADS") or "2")
end

request = function()
  local id = first + (offset + counter * step) * stride
  counter = counter + 1
  if dialect == "feee" then
    return wrk.format("POST", "/open/v2/order/cancel",
      { ["key"] = "ordo_demo_feee_key", ["Content-Type"] = "application/json" },
      string.format('{"order_no":"%s%016d"}', prefix, id))
  end
  local key = "ordo_demo_native_key"
  if #orders > 0 then
    local order = orders[id] or orders[#orders]
    id, key = order.id, order.key
  end
  return wrk.format("POST", "/v1/orders/" .. id .. "/cancel", { ["Authorization"] = "Bearer " .. key })
end

response = function(status, headers, body)
  if dialect == "feee" and not string.find(body, '"code":0,', 1, true) then
    refused = refused + 1
  end
end

done = function(summary, latency, requests)
  if dialect == "feee" then
    io.write(string.format("answers with a code other than 0 (last thread): %d\n", refused))
  end
end
