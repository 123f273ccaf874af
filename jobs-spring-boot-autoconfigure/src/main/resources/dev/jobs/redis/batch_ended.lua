--[[
  Records that a member of a batch ended, once per member however often it is told, and returns
  the counts after it: the caller runs the callbacks when nothing is pending (a member told again
  then publishes them again, under the same ids, which their idempotency keys run once).

  KEYS[1]  <prefix>batch:<id>
  ARGV[1]  the member's job id
  ARGV[2]  1 if it succeeded, 0 if it failed for good
  ARGV[3]  the time to live, milliseconds

  Returns {total, pending, succeeded, failed, callbacks}, or an empty list if the state is gone.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then
  return {}
end
if redis.call('HGET', KEYS[1], 'm:' .. ARGV[1]) == '1' then
  redis.call('HSET', KEYS[1], 'm:' .. ARGV[1], 2)
  redis.call('HINCRBY', KEYS[1], 'pending', -1)
  redis.call('HINCRBY', KEYS[1], (ARGV[2] == '1') and 'succeeded' or 'failed', 1)
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return redis.call('HMGET', KEYS[1], 'total', 'pending', 'succeeded', 'failed', 'callbacks')
