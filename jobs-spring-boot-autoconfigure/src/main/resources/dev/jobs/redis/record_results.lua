--[[
  Stores result records and announces the terminal ones to waiters: one record, or the records
  of jobs finishing at the same moment on different worker threads, in one call.

  KEYS[i]       the result key of record i, <prefix>result:<job id>
  ARGV[3i - 2]  record i, JSON (docs/protocol.md)
  ARGV[3i - 1]  its time to live, milliseconds
  ARGV[3i]      the channel to announce it on, <prefix>done:<job id>; empty for a non-terminal record

  Returns: the number of records stored.
]]
for i = 1, #KEYS do
  local record = ARGV[3 * i - 2]
  redis.call('SET', KEYS[i], record, 'PX', ARGV[3 * i - 1])
  local channel = ARGV[3 * i]
  if channel ~= '' then
    redis.call('PUBLISH', channel, record)
  end
end
return #KEYS
