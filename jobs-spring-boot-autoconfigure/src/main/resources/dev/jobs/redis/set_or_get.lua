--[[
  Claims a unique key for a job, or says which job holds it, in one step.

  KEYS[1]  <prefix>unique:<task>:<key>
  ARGV[1]  the new job's id
  ARGV[2]  the time to live, milliseconds

  Returns false (nil) if the key is now the new job's, otherwise the id of the job holding it.
]]
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return false
end
return redis.call('GET', KEYS[1])
