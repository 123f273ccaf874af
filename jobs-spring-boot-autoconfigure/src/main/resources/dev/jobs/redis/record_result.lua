--[[
  Stores a job's result record and, for a terminal status, announces it to waiters.

  KEYS[1]  the result key, <prefix>result:<job id>
  ARGV[1]  the result record, JSON (docs/protocol.md)
  ARGV[2]  time to live, milliseconds
  ARGV[3]  the channel to announce on, <prefix>done:<job id>; empty for a non-terminal record

  Returns: the number of subscribers told (0 when nothing was announced).
]]
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
if ARGV[3] ~= '' then
  return redis.call('PUBLISH', ARGV[3], ARGV[1])
end
return 0
