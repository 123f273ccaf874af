--[[
  Stores a new workflow's state, unless a workflow of that id exists (docs/protocol.md,
  "Workflow state"). The state is one hash:
    plan        the plan, JSON
    status      RUNNING, then SUCCESS or FAILURE
    run         1, one more each time a replayed step revives the workflow
    total       how many steps the plan has
    done        how many steps have ended (succeeded or failed)
    r:<step>    a step's result, JSON, set once
    e:<step>    set once a step has failed for good
    c:<node>    how many terminal steps of a join node have succeeded
    failure     why it failed, JSON, and failedStep: the step, or deadline:<node>

  KEYS[1]  <prefix>workflow:<id>
  ARGV[1]  the plan, JSON
  ARGV[2]  how many steps it has
  ARGV[3]  the time to live, milliseconds

  Returns 1 if stored, 0 if a workflow of that id existed.
]]
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'plan', ARGV[1], 'status', 'RUNNING', 'run', 1, 'total', ARGV[2], 'done', 0)
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return 1
