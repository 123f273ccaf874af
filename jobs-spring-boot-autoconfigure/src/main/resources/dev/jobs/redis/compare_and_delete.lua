--[[
  Deletes a key only if it holds the given value: the release of a lock by its owner's token,
  or of a unique key by the job that holds it. Another owner's key is left as it is.

  KEYS[1]  the key
  ARGV[1]  the value it must hold

  Returns 1 if deleted, 0 otherwise.
]]
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
