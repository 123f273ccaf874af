--[[
  Extends the lease of a running job's permit, if it still holds one.

  KEYS[1]  <prefix>concurrency:<budget>
  ARGV[1]  the owner's token
  ARGV[2]  the lease, milliseconds

  Returns 1 if extended, 0 if the permit was lost (its lease ran out and was dropped).
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local lease = tonumber(ARGV[2])
local expiresAt = tonumber(redis.call('ZSCORE', KEYS[1], ARGV[1]))
if expiresAt == nil or expiresAt <= now then
  return 0
end
redis.call('ZADD', KEYS[1], 'XX', now + lease, ARGV[1])
redis.call('PEXPIRE', KEYS[1], lease * 2)
return 1
