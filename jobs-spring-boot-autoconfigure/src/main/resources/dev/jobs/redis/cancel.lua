--[[
  Cancels jobs: adds them to the sorted set of cancelled jobs, each scored by when it may be
  forgotten, and forgets those whose time has passed (docs/protocol.md, "Cancelled jobs").
  Workers read the members not yet due to be forgotten every second.

  KEYS[1]   <prefix>cancelled
  ARGV[1]   now, Unix milliseconds
  ARGV[2]   when these jobs may be forgotten, Unix milliseconds
  ARGV[3..] the job ids

  Returns how many were added.
]]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
local added = 0
for i = 3, #ARGV do
  added = added + redis.call('ZADD', KEYS[1], ARGV[2], ARGV[i])
end
return added
