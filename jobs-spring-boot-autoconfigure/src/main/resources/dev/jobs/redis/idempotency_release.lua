--[[
  Gives up a running job's idempotency claim (the job did not succeed), if it is still this
  owner's, so that a retry or another job with the key may run.

  KEYS[1]  <prefix>idempotency:<task>:<key>
  ARGV[1]  the owner token

  Returns 1 if released, 0 if the claim was not this owner's.
]]
local record = redis.call('HMGET', KEYS[1], 'state', 'owner')
if record[1] == 'RUNNING' and record[2] == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
