--[[
  Marks a run of a redelivered job as started, and counts the run before it as a crash if that
  run left its mark (it never settled). The record is a hash:
    running  the owner token of the run that started last and has not settled
    crashes  how many runs never settled

  KEYS[1]  <prefix>crashes:<job id>
  ARGV[1]  the starting run's owner token
  ARGV[2]  the crash limit: at this many crashes the run is not marked, since it will not start
  ARGV[3]  how long the record is kept, milliseconds

  Returns the job's crashes so far.
]]
local crashes = tonumber(redis.call('HGET', KEYS[1], 'crashes') or '0')
if redis.call('HEXISTS', KEYS[1], 'running') == 1 then
  crashes = redis.call('HINCRBY', KEYS[1], 'crashes', 1)
  redis.call('HDEL', KEYS[1], 'running')
end
if crashes < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], 'running', ARGV[1])
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return crashes
