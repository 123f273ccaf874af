--[[
  Claims an idempotency key for a job about to run, in one step, so that two deliveries of one
  key can never both run (docs/exactly-once.md). The record is a hash:
    state  RUNNING while a job runs (with a lease: the key's time to live), DONE after a success
    owner  the token of the delivery that claimed it
    job    the id of that job
    result the job's result, JSON, once DONE

  KEYS[1]  <prefix>idempotency:<task>:<key>
  ARGV[1]  the claiming delivery's owner token
  ARGV[2]  its job id
  ARGV[3]  the lease, milliseconds

  Returns {'CLAIMED'} if the key was free or this owner's already, {'RUNNING', job} if another
  delivery holds it, {'DONE', job, result} if a job with the key succeeded.
]]
local state = redis.call('HGET', KEYS[1], 'state')
if state == 'DONE' then
  local done = redis.call('HMGET', KEYS[1], 'job', 'result')
  return { 'DONE', done[1], done[2] }
end
if state == 'RUNNING' and redis.call('HGET', KEYS[1], 'owner') ~= ARGV[1] then
  return { 'RUNNING', redis.call('HGET', KEYS[1], 'job') }
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'state', 'RUNNING', 'owner', ARGV[1], 'job', ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return { 'CLAIMED' }
