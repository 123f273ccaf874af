--[[
  Checks a chord's deadline. If its header is complete, or the workflow has ended, nothing
  happens. Otherwise the workflow fails, or, for a chord that allows partial results, its header
  is counted complete so that the callback starts with the results there are.

  KEYS[1]  <prefix>workflow:<id>
  ARGV[1]  the chord's header node
  ARGV[2]  how many steps complete it
  ARGV[3]  1 to allow partial results
  ARGV[4]  the failure to record, JSON
  ARGV[5]  the time to live, milliseconds

  Returns 'MET', 'PARTIAL' or 'FAILED'.
]]
if redis.call('EXISTS', KEYS[1]) == 0 or redis.call('HGET', KEYS[1], 'status') ~= 'RUNNING' then
  return 'MET'
end
local count = tonumber(redis.call('HGET', KEYS[1], 'c:' .. ARGV[1])) or 0
if count >= tonumber(ARGV[2]) then
  return 'MET'
end
redis.call('PEXPIRE', KEYS[1], ARGV[5])
if ARGV[3] == '1' then
  redis.call('HSET', KEYS[1], 'c:' .. ARGV[1], ARGV[2], 'partial:' .. ARGV[1], count)
  return 'PARTIAL'
end
redis.call('HSET', KEYS[1], 'status', 'FAILURE', 'failure', ARGV[4], 'failedStep', 'deadline:' .. ARGV[1])
return 'FAILED'
