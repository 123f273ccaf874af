--[[
  Records a workflow step's success and counts it, once per step however often it is told (a
  redelivered or duplicate job), in each join node it completes; reports the joins that are
  complete, so that the caller starts what follows them. Two steps ending at the same instant
  on two workers are serialized here, so exactly one of them sees a join complete first; a step
  told again sees the same joins complete again, and the caller publishes the same job ids,
  which their idempotency keys run once.

  KEYS[1]     <prefix>workflow:<id>
  ARGV[1]     the step
  ARGV[2]     its result, JSON
  ARGV[3]     the time to live, milliseconds
  ARGV[4]     the root node: once it is complete the workflow's status is SUCCESS
  ARGV[5]     1 if this step may revive a workflow it failed (a chord built reviveOnReplay())
  ARGV[6..]   pairs: a join node, how many steps complete it

  Returns {'GONE'} if the state is gone, {'FAILED', run} if the workflow has failed (nothing
  starts), otherwise {'OK', run, node...} with the complete joins.
]]
if redis.call('EXISTS', KEYS[1]) == 0 then
  return { 'GONE' }
end
local step = ARGV[1]
local first = redis.call('HSETNX', KEYS[1], 'r:' .. step, ARGV[2])
-- A step that failed before (and was replayed) was counted as done then.
if first == 1 and redis.call('HEXISTS', KEYS[1], 'e:' .. step) == 0 then
  redis.call('HINCRBY', KEYS[1], 'done', 1)
end
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'FAILURE' then
  if first == 1 and ARGV[5] == '1' and redis.call('HGET', KEYS[1], 'failedStep') == step then
    -- The replayed step that failed the workflow succeeded: it goes on.
    redis.call('HSET', KEYS[1], 'status', 'RUNNING')
    redis.call('HDEL', KEYS[1], 'failure', 'failedStep')
    redis.call('HINCRBY', KEYS[1], 'run', 1)
  else
    redis.call('PEXPIRE', KEYS[1], ARGV[3])
    return { 'FAILED', redis.call('HGET', KEYS[1], 'run') }
  end
end
local reply = { 'OK', redis.call('HGET', KEYS[1], 'run') }
for i = 6, #ARGV, 2 do
  local node = ARGV[i]
  local count
  if first == 1 then
    count = redis.call('HINCRBY', KEYS[1], 'c:' .. node, 1)
  else
    count = tonumber(redis.call('HGET', KEYS[1], 'c:' .. node)) or 0
  end
  if count >= tonumber(ARGV[i + 1]) then
    reply[#reply + 1] = node
    if node == ARGV[4] then
      redis.call('HSET', KEYS[1], 'status', 'SUCCESS')
    end
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return reply
