--[[
  Counts how an attempt the circuit breaker let run ended, and moves the breaker on, in one
  step. Closed: the attempt joins the sliding window (the last ARGV[3] attempts); once the
  window holds ARGV[4] attempts and the share of failures reaches ARGV[5] percent, the breaker
  opens for ARGV[6] ms. Half-open, for a probe: a failure opens it again; once ARGV[7] probes
  have succeeded it closes with an empty window; a probe that neither failed nor succeeded
  gives its place back. Results of attempts let run before the breaker opened are not counted
  while it is open or half-open.

  KEYS[1]  <prefix>breaker:<task> (see breaker_admit.lua)
  ARGV[1]  1 = failed, 0 = succeeded, x = neither
  ARGV[2]  1 if the attempt ran as a probe, 0 otherwise
  ARGV[3]  the sliding window, in attempts
  ARGV[4]  the minimum attempts
  ARGV[5]  the failure-rate threshold, percent
  ARGV[6]  the open duration, milliseconds
  ARGV[7]  how many probes run while half-open

  Returns the state after it: closed, open, half_open or forced.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local result = ARGV[1]
local state = redis.call('HGET', KEYS[1], 'state') or 'closed'
if state == 'closed' then
  if ARGV[2] == '1' or result == 'x' then
    return state
  end
  local window = (redis.call('HGET', KEYS[1], 'window') or '') .. result
  local size = tonumber(ARGV[3])
  if #window > size then
    window = string.sub(window, #window - size + 1)
  end
  local _, failures = string.gsub(window, '1', '')
  if #window >= tonumber(ARGV[4]) and failures * 100 >= tonumber(ARGV[5]) * #window then
    redis.call('HSET', KEYS[1], 'state', 'open', 'until', now + tonumber(ARGV[6]), 'window', '')
    return 'open'
  end
  redis.call('HSET', KEYS[1], 'state', 'closed', 'window', window)
  return 'closed'
end
if state ~= 'half_open' or ARGV[2] ~= '1' then
  return state
end
if result == '1' then
  redis.call('HSET', KEYS[1], 'state', 'open', 'until', now + tonumber(ARGV[6]), 'probes', 0, 'passed', 0)
  return 'open'
end
if result == 'x' then
  redis.call('HINCRBY', KEYS[1], 'probes', -1)
  return state
end
local passed = redis.call('HINCRBY', KEYS[1], 'passed', 1)
if passed >= tonumber(ARGV[7]) then
  redis.call('DEL', KEYS[1])
  return 'closed'
end
return state
