--[[
  Ends the record of a run whose delivery is settled, if the mark is still that run's: the job
  ran to an end, so its earlier crashes are forgiven, and the record is deleted. A job counts
  crashes in a row: only one that never settles reaches the limit.

  KEYS[1]  <prefix>crashes:<job id>
  ARGV[1]  the settled run's owner token

  Returns 1 if the record was deleted, 0 if the mark was another run's or gone.
]]
if redis.call('HGET', KEYS[1], 'running') == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 1
end
return 0
