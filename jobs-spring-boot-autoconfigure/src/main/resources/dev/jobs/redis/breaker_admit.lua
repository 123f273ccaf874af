--[[
  Decides whether a job of a task may run under the task's circuit breaker, in one step, so
  that every instance sees one state. The breaker is one hash; on Redis's own clock:
  closed: run. Open: put off until `until`; once it has passed, the breaker turns half-open.
  Half-open: the first ARGV[2] jobs run as probes; the others are put off until the probes
  decide. A round of probes that never reports (its workers died) ends after the open
  duration, and a new round starts. Forced open (by an operator): put off.

  KEYS[1]  <prefix>breaker:<task>, a hash: state (closed | open | half_open | forced),
           until (ms), window (a string of 1 = failed, 0 = succeeded attempts, oldest first),
           probes (probes let run this round), passed (probes that succeeded this round)
  ARGV[1]  the open duration, milliseconds
  ARGV[2]  how many probes run while half-open

  Returns {decision, wait ms}: decision 0 = run, 1 = run as a probe, 2 = put off for wait ms.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local open = tonumber(ARGV[1])
local state = redis.call('HGET', KEYS[1], 'state')
if not state or state == 'closed' then
  return {0, 0}
end
if state == 'forced' then
  return {2, open}
end
local untilMs = tonumber(redis.call('HGET', KEYS[1], 'until') or '0')
if state == 'open' then
  if now < untilMs then
    return {2, untilMs - now}
  end
  redis.call('HSET', KEYS[1], 'state', 'half_open', 'until', now + open, 'probes', 0, 'passed', 0)
  untilMs = now + open
elseif now >= untilMs then
  -- half-open, and the last round of probes never reported: a new round
  redis.call('HSET', KEYS[1], 'until', now + open, 'probes', 0, 'passed', 0)
  untilMs = now + open
end
local probes = tonumber(redis.call('HGET', KEYS[1], 'probes') or '0')
if probes < tonumber(ARGV[2]) then
  redis.call('HINCRBY', KEYS[1], 'probes', 1)
  return {1, 0}
end
return {2, math.min(untilMs - now, 1000)}
