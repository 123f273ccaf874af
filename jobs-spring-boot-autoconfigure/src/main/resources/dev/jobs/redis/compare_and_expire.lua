--[[
  Sets a key's time to live only if it holds the given value: the renewal of a lock's lease by
  its owner's token.

  KEYS[1]  the key
  ARGV[1]  the value it must hold
  ARGV[2]  the new time to live, milliseconds

  Returns 1 if renewed, 0 otherwise.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
