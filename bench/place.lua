-- wrk script: places native rentals as fast as the server takes them (the orders a cancel benchmark
-- then cancels). 100 energy at 0.001 TRX: 0.1 TRX of the placing account's balance each.
-- KEYS (a file of native keys, one a line): each request is placed by a random one of those
-- tenants, as real traffic spreads over accounts; without it, every order is the demo account's.
wrk.method = "POST"
wrk.path = "/v1/orders"
wrk.headers["Authorization"] = "Bearer ordo_demo_native_key"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"kind":"rental","quantity":"100","price":"0.001","duration_seconds":3600,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}'

local keys = {}
local file = os.getenv("KEYS") and io.open(os.getenv("KEYS"))
if file then
  for line in file:lines() do table.insert(keys, line) end
  file:close()
end

function init(args)
  math.randomseed(os.time() * 1000 + math.floor(os.clock() * 1000000))
end

request = function()
  if #keys == 0 then
    return wrk.format()
  end
  local headers = { ["Authorization"] = "Bearer " .. keys[math.random(#keys)], ["Content-Type"] = "application/json" }
  return wrk.format(nil, nil, headers)
end
