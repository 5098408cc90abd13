-- wrk script: places native rentals as fast as the server takes them (the orders a cancel benchmark
-- then cancels). 100 energy at 0.001 TRX: 0.1 TRX of the demo account's balance each.
wrk.method = "POST"
wrk.path = "/v1/orders"
wrk.headers["Authorization"] = "Bearer ordo_demo_native_key"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"kind":"rental","quantity":"100","price":"0.001","duration_seconds":3600,"receive_address":"TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"}'
