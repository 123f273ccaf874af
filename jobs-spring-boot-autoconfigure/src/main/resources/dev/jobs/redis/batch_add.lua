--[[
  Adds members to a batch before they are published; a member added again (its adding job ran
  again) is counted once.

  KEYS[1]   <prefix>batch:<id>
  ARGV[1]   the time to live, milliseconds
  ARGV[2..] the members' job ids

  Returns how many were new, or -1 if the batch's state is gone.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then
  return -1
end
local added = 0
for i = 2, #ARGV do
  added = added + redis.call('HSETNX', KEYS[1], 'm:' .. ARGV[i], 1)
end
if added > 0 then
  redis.call('HINCRBY', KEYS[1], 'total', added)
  redis.call('HINCRBY', KEYS[1], 'pending', added)
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return added
