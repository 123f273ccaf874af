--[[
  Takes one of a budget's permits to run (max-concurrent), in one step: a sorted set of the
  owners' tokens scored by when their leases run out, on Redis's own clock. Leases that ran out
  (their worker died) are dropped first, so a dead worker's permit comes back by itself.

  KEYS[1]  <prefix>concurrency:<budget>
  ARGV[1]  the new owner's token
  ARGV[2]  how many may run at once
  ARGV[3]  the lease, milliseconds

  Returns 1 if the permit is this owner's now (or was already), 0 if all are taken.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local lease = tonumber(ARGV[3])
if redis.call('ZSCORE', KEYS[1], ARGV[1]) or redis.call('ZCARD', KEYS[1]) < tonumber(ARGV[2]) then
  redis.call('ZADD', KEYS[1], now + lease, ARGV[1])
  redis.call('PEXPIRE', KEYS[1], lease * 2)
  return 1
end
return 0
