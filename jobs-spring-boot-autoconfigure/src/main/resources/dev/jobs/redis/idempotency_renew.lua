--[[
  Extends the lease of a running job's idempotency claim, if it is still this owner's.

  KEYS[1]  <prefix>idempotency:<task>:<key>
  ARGV[1]  the owner token
  ARGV[2]  the new lease, milliseconds

  Returns 1 if extended, 0 if the claim is not this owner's (any more).
]]
local record = redis.call('HMGET', KEYS[1], 'state', 'owner')
if record[1] == 'RUNNING' and record[2] == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
