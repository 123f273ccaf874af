--[[
  Claims a schedule's slot for one instance: raises the schedule's last slot to it, if it is
  later than every slot claimed before. Exactly one caller raises it, so exactly one instance
  acts on each slot, and a slot once claimed can never be claimed again, whatever the callers'
  clocks say and however long ago it was.

  A paused schedule's slot is raised too, and reported as paused: resuming fires the next slot,
  not the ones of the pause.

  KEYS[1]  the schedule's record, <prefix>schedule:<name> (a hash; docs/protocol.md)
  ARGV[1]  the slot, Unix milliseconds

  Returns: { verdict, previous last slot or '', recent job ids or '' }, the verdict being WON,
  TAKEN or PAUSED, and the job ids (comma-separated, newest first) given only when WON.
]]
local slot = tonumber(ARGV[1])
local last = redis.call('HGET', KEYS[1], 'last')
if last and tonumber(last) >= slot then
  return { 'TAKEN', last, '' }
end
redis.call('HSET', KEYS[1], 'last', ARGV[1])
if redis.call('HGET', KEYS[1], 'paused') == '1' then
  return { 'PAUSED', last or '', '' }
end
return { 'WON', last or '', redis.call('HGET', KEYS[1], 'jobs') or '' }
