--[[
  Records a job a schedule enqueued as the newest of its recent jobs, keeping as many as its
  max-instances: the jobs a later slot checks are still in flight before it fires.

  KEYS[1]  the schedule's record, <prefix>schedule:<name>
  ARGV[1]  the job id
  ARGV[2]  when it was enqueued, Unix milliseconds
  ARGV[3]  how many recent jobs to keep

  Returns: the number of recent jobs kept.
]]
local jobs = { ARGV[1] }
local keep = tonumber(ARGV[3])
local stored = redis.call('HGET', KEYS[1], 'jobs')
if stored then
  for id in string.gmatch(stored, '[^,]+') do
    if #jobs >= keep then
      break
    end
    if id ~= ARGV[1] then
      jobs[#jobs + 1] = id
    end
  end
end
redis.call('HSET', KEYS[1], 'jobs', table.concat(jobs, ','), 'firedAt', ARGV[2])
return #jobs
