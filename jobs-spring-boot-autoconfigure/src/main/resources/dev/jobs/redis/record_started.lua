--[[
  Stores a job's STARTED record unless the job already has a terminal one. The STARTED record
  is written without waiting and may reach Redis after the job's final record (or after an
  earlier delivery finished the job); it must never hide a finished job's result.

  KEYS[1]  the result key, <prefix>result:<job id>
  ARGV[1]  the STARTED record, JSON (docs/protocol.md)
  ARGV[2]  time to live, milliseconds

  Returns: 1 if written, 0 if the job had already finished.
]]
local current = redis.call('GET', KEYS[1])
if current then
  local ok, record = pcall(cjson.decode, current)
  if ok and (record.status == 'SUCCESS' or record.status == 'FAILURE' or record.status == 'EXPIRED') then
    return 0
  end
end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1
