--[[
  Records that a workflow step failed for good. A running workflow fails with it; nothing more
  of it starts.

  KEYS[1]  <prefix>workflow:<id>
  ARGV[1]  the step
  ARGV[2]  why, JSON (a WorkflowFailure)
  ARGV[3]  the time to live, milliseconds

  Returns 'THIS_STEP' if the workflow failed now, 'THIS_STEP_BEFORE' if this step had failed it
  already (a duplicate: the caller publishes its error callbacks again, under the same ids),
  'OTHER' if it had ended otherwise, 'GONE' if the state is gone.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then
  return 'GONE'
end
local step = ARGV[1]
if redis.call('HSETNX', KEYS[1], 'e:' .. step, 1) == 1 and redis.call('HEXISTS', KEYS[1], 'r:' .. step) == 0 then
  redis.call('HINCRBY', KEYS[1], 'done', 1)
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'RUNNING' then
  redis.call('HSET', KEYS[1], 'status', 'FAILURE', 'failure', ARGV[2], 'failedStep', step)
  return 'THIS_STEP'
end
if status == 'FAILURE' and redis.call('HGET', KEYS[1], 'failedStep') == step then
  return 'THIS_STEP_BEFORE'
end
return 'OTHER'
