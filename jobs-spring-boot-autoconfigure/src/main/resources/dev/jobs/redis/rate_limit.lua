--[[
  Takes the next start slot of a rate-limited budget (a generic cell rate algorithm: a token
  bucket without a refill timer), in one step, on Redis's own clock so that every instance
  agrees. The key holds the theoretical arrival time (TAT) of the next job, in microseconds.
  A job may start once TAT - tolerance has passed; taking a slot moves TAT on by one interval,
  also for a job that must wait, so its slot is reserved and the jobs that wait are served in
  turn (docs/flow-control.md).

  KEYS[1]  <prefix>rate:<budget>
  ARGV[1]  the interval between two jobs, microseconds (period / limit)
  ARGV[2]  the tolerance, microseconds ((burst - 1) * interval)

  Returns how many microseconds until the slot taken: 0 to start now.
]]
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then
  tat = now
end
local startAt = tat - tolerance
local nextTat = tat + interval
redis.call('SET', KEYS[1], string.format('%.0f', nextTat), 'PX', math.ceil((nextTat - now) / 1000) + 1000)
if startAt <= now then
  return 0
end
return math.ceil(startAt - now)
