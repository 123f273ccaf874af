--[[
  Stores a new batch with its first members, before they are published, so that none of them
  can find the batch complete while the others are still being added (docs/protocol.md, "Batch
  state"). The state is one hash:
    callbacks   the batch's callbacks, JSON
    total       members so far
    pending     members that have not ended
    succeeded   members that succeeded
    failed      members that failed for good
    m:<job id>  1 for a member, 2 once it has ended

  KEYS[1]   <prefix>batch:<id>
  ARGV[1]   the callbacks, JSON
  ARGV[2]   the time to live, milliseconds
  ARGV[3..] the members' job ids

  Returns 1 if stored, 0 if a batch of that id existed.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
local members = #ARGV - 2
redis.call('HSET', KEYS[1], 'callbacks', ARGV[1], 'total', members, 'pending', members, 'succeeded', 0, 'failed', 0)
for i = 3, #ARGV do
  redis.call('HSET', KEYS[1], 'm:' .. ARGV[i], 1)
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
