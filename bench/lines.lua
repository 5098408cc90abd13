-- wrk script: sends the requests of a file (LINES), one a line:
-- METHOD<tab>/path[<tab>JSON body[<tab>Name: value]...], the format bench/Ordo.Load reads too (an
-- empty body field: no body; the fields after it: that request's own headers). Headers common to
-- every request come from wrk's -H.
-- ONCE=1 (default): each line is sent once (e.g. first cancels of distinct orders); thread i of
-- THREADS (default 2, keep it equal to -t) takes lines i, i+THREADS, ... Past the end a thread
-- sends GET /ran-out, which answers 404, so a run that used up its lines shows non-2xx answers.
-- ONCE=0: the lines are sent in turn, round and round.
-- OK=text: a 2xx answer whose body lacks the text counts as bad (dialects whose envelope answers
-- HTTP 200 with an error code); the count is printed at the end as "bad answers: N".
local lines = {}
for line in io.lines(os.getenv("LINES")) do
  local fields = {}
  for field in (line .. "\t"):gmatch("([^\t]*)\t") do table.insert(fields, field) end
  if #fields >= 2 then
    local headers = nil
    for i = 4, #fields do
      local name, value = fields[i]:match("^([^:]+):%s*(.-)%s*$")
      headers = headers or {}
      headers[name] = value
    end
    table.insert(lines, { fields[1], fields[2], headers, fields[3] ~= "" and fields[3] or nil })
  end
end
local once = os.getenv("ONCE") ~= "0"
local ok = os.getenv("OK")
local threads = {}

function setup(thread)
  thread:set("offset", #threads)
  table.insert(threads, thread)
end

function init(args)
  step = tonumber(os.getenv("THREADS") or "2")
  counter = 0
  bad = 0
end

request = function()
  local index = offset + counter * step
  counter = counter + 1
  if once and index >= #lines then
    return wrk.format("GET", "/ran-out")
  end
  local line = lines[index % #lines + 1]
  local headers = nil
  if line[3] then
    headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    for name, value in pairs(line[3]) do headers[name] = value end
  end
  return wrk.format(line[1], line[2], headers, line[4])
end

if ok then
  response = function(status, headers, body)
    if status >= 200 and status < 300 and not string.find(body, ok, 1, true) then
      bad = bad + 1
    end
  end
end

done = function(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("bad") or 0)
  end
  io.write(string.format("bad answers: %d\n", total))
end
