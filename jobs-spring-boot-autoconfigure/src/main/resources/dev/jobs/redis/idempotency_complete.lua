--[[
  Stores a succeeded job's result under its idempotency key, if the claim is still this owner's
  or nobody holds the key (the lease ran out and no one claimed it since). Later jobs with the key
  end with this result until it expires.

  KEYS[1]  <prefix>idempotency:<task>:<key>
  ARGV[1]  the owner token
  ARGV[2]  the job id
  ARGV[3]  the result, JSON
  ARGV[4]  how long it is kept, milliseconds

  Returns 1 if stored, 0 if another owner holds the key.
]]
local owner = redis.call('HGET', KEYS[1], 'owner')
if owner and owner ~= ARGV[1] then
  return 0
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'state', 'DONE', 'owner', ARGV[1], 'job', ARGV[2], 'result', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 1
