--[[
  Records one operator action in the audit trail and forgets those older than its time to live,
  atomically, so that the trail never grows without bound and a quiet application's trail
  expires whole.

  KEYS[1]  the audit trail, <prefix>audit (a sorted set scored by epoch milliseconds)
  ARGV[1]  the entry, JSON (docs/protocol.md, "Audit trail")
  ARGV[2]  its time, epoch milliseconds
  ARGV[3]  the time to live, milliseconds

  Returns: the number of entries kept.
]]
local at = tonumber(ARGV[2])
local ttl = tonumber(ARGV[3])
redis.call('ZADD', KEYS[1], at, ARGV[1])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. (at - ttl))
redis.call('PEXPIRE', KEYS[1], ttl)
return redis.call('ZCARD', KEYS[1])
