-- wrk script: a mixed flow on one server, each request chosen at random by weight:
--   25% place a rental (durable, escrow)               POST /v1/orders
--   15% place a limit buy on btcusdc at 50000          POST /v1/orders  (rests, or fills a resting sell)
--   15% place a limit sell on btcusdc at 50000 (SELLER) POST /v1/orders  (crosses the best buys: a fill)
--   15% first cancel of the next open order            a line of CANCELS (bench/lines.lua's format)
--   20% GET one order (GET_ID)                         GET /v1/orders/{id}
--   10% list the newest orders                         GET /v1/orders?limit=20
-- The buyer is the key of wrk's -H Authorization; SELLER is another tenant's native key with BTC.
-- THREADS (default 2) must equal -t: thread i cancels lines i, i+THREADS, ...; past the end of
-- CANCELS it sends GET /ran-out (404).
local cancels = {}
for line in io.lines(os.getenv("CANCELS")) do
  local method, path = line:match("^([^\t]+)\t([^\t]+)")
  if method then table.insert(cancels, { method, path }) end
end
local seller = { ["Authorization"] = "Bearer " .. os.getenv("SELLER"), ["Content-Type"] = "application/json" }
local get_id = os.getenv("GET_ID")
local rental = '{"kind":"rental","quantity":"100","price":"0.001","duration_seconds":3600,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}'
local buy = '{"kind":"limit","market":"btcusdc","side":"buy","price":"50000","quantity":"0.0001"}'
local sell = '{"kind":"limit","market":"btcusdc","side":"sell","price":"50000","quantity":"0.0001"}'
local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  step = tonumber(os.getenv("THREADS") or "2")
  counter = 0
  math.randomseed(os.time() * 1000 + offset)
end

request = function()
  local r = math.random(100)
  if r <= 25 then
    return wrk.format("POST", "/v1/orders", nil, rental)
  elseif r <= 40 then
    return wrk.format("POST", "/v1/orders", nil, buy)
  elseif r <= 55 then
    return wrk.format("POST", "/v1/orders", seller, sell)
  elseif r <= 70 then
    local index = offset + counter * step
    counter = counter + 1
    if index >= #cancels then
      return wrk.format("GET", "/ran-out")
    end
    return wrk.format(cancels[index + 1][1], cancels[index + 1][2])
  elseif r <= 90 then
    return wrk.format("GET", "/v1/orders/" .. get_id)
  end
  return wrk.format("GET", "/v1/orders?limit=20")
end
