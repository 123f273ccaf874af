--[[
  Removes the mark of a run whose delivery is settled, if the mark is still that run's.

  KEYS[1]  <prefix>crashes:<job id>
  ARGV[1]  the settled run's owner token

  Returns 1 if the mark was removed, 0 if it was another run's or gone.
]]
if redis.call('HGET', KEYS[1], 'running') == ARGV[1] then
  redis.call('HDEL', KEYS[1], 'running')
  return 1
end
return 0
