-- Entry+exit pairs: each thread enters a car with a fresh plate, and exits every ticket it was given.
-- Pairs per second = exits per second = about half the requests per second.
-- thread_id is a global: wrk's thread:set() writes globals of each thread's own Lua state.
local threads_made = 0
local counter = 0
local run_id = os.time() % 100000 -- plates stay unique across runs on one lot
local tickets = {}
local json = { ["Content-Type"] = "application/json" }
local lot = os.getenv("LOT") or "bench"
-- LOTS=n spreads entries over lots <lot>-1 .. <lot>-n (each write locks its lot's row).
local lots = tonumber(os.getenv("LOTS") or "0")

function setup(thread)
  threads_made = threads_made + 1
  thread:set("thread_id", threads_made)
end

function request()
  local ticket = table.remove(tickets)
  if ticket then
    return wrk.format("POST", "/api/tickets/" .. ticket .. "/exit", json, "")
  end
  counter = counter + 1
  local plate = string.format("T%dR%dC%d", thread_id, run_id, counter)
  local target = lot
  if lots > 0 then
    target = lot .. "-" .. (counter % lots + 1)
  end
  return wrk.format("POST", "/api/lots/" .. target .. "/entries", json, '{"plate":"' .. plate .. '"}')
end

function response(status, headers, body)
  if status == 201 then
    local ticket = string.match(body, '"ticketId":"([0-9a-f-]+)"')
    if ticket then
      table.insert(tickets, ticket)
    end
  end
end
