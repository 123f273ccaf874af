--[[
  Stores job records under the rule that a job's status never steps back, and announces the
  terminal ones to waiters: one record, or the records of many jobs in one call (the result
  writer's batches, the producers' PENDING records).

  The rule, for a record of run r and status s, over the stored record of run R and status S:
    r > R  stored: a replay from the dead-letter queue starts a new run;
    r < R  refused: a late record of an older run;
    r = R  refused if S is terminal (SUCCESS, FAILURE, EXPIRED, SKIPPED, CANCELLED are final for their run, so a
           redelivered or duplicate copy of a finished job cannot undo its end), or if s is
           PENDING (the producer's PENDING record may land after the worker's first record);
           stored otherwise.
  With no stored record, any record is stored. A refused record is not announced and leaves the
  stored one and its time to live as they were.

  The stored run and status are read from the record's first bytes, where ResultRecordCodec
  writes them ({"v":1,"run":<r>,"status":"<s>",...), so the check costs a short GETRANGE and
  no JSON decoding; a PENDING record is first tried with SET NX, which a new job's passes
  without any read. A record in another form (written before runs were counted) is decoded
  whole; without a run it is of run 1.

  KEYS[i]       the result key of record i, <prefix>result:<job id>
  ARGV[1]       the time to live of every record, milliseconds
  ARGV[2]       the prefix of the search indexes, <prefix>index:; empty to keep none (a Redis
                Cluster, whose index keys would sit in other slots than the records)
  ARGV[3]       index entries scored below this (epoch milliseconds: now minus the time to live)
                are trimmed from each index this call touches
  then either six arguments a record (the result writer):
  ARGV[6i - 2]  record i, JSON (docs/protocol.md)
  ARGV[6i - 1]  its run
  ARGV[6i]      its status
  ARGV[6i + 1]  the channel to announce it on, <prefix>done:<job id>; empty for none
  ARGV[6i + 2]  its task
  ARGV[6i + 3]  its score in the indexes: when the job was enqueued, epoch milliseconds
  or three (the producers' PENDING records, never announced; told apart by #ARGV = 3 #KEYS + 3):
  ARGV[3i + 1]  record i, a PENDING record, whose run is read from its first bytes
  ARGV[3i + 2]  its task
  ARGV[3i + 3]  its score in the indexes

  The indexes, written only for a record that is stored: sorted sets of result keys scored by
  enqueue time, <index prefix>all, <index prefix>status:<status> and <index prefix>task:<task>.
  A record that replaces one of another status leaves that status's index. They cost no round
  trip: they are written by the call that writes the records.

  Beside the indexes, per-minute counters of what the stored records say, for the dashboard's
  throughput chart: <index prefix>throughput:<counter>:<minute>, a string counter, <minute> the
  minute since the epoch by Redis's clock (TIME, so every instance counts in one clock), expiring
  after two hours. <counter> is "enqueued" for the first record of a job's run (its PENDING record,
  or the worker's when that lands first), "succeeded" for a SUCCESS record and "failed" for a
  FAILURE record; a refused record counts nothing, so a duplicate never counts twice. A call adds
  at most two commands per counter it touches, whatever the number of records.

  Returns: the number of records stored.
]]
local terminal = { SUCCESS = true, FAILURE = true, EXPIRED = true, SKIPPED = true, CANCELLED = true }

local function storedRunAndStatus(key)
  local head = redis.call('GETRANGE', key, 0, 63)
  if head == '' then
    return nil
  end
  local run, status = string.match(head, '^{"v":1,"run":(%d+),"status":"(%u+)"')
  if run then
    return tonumber(run), status
  end
  local ok, record = pcall(cjson.decode, redis.call('GET', key))
  if not ok or type(record) ~= 'table' then
    return nil
  end
  return tonumber(record.run) or 1, record.status
end

local function replaces(run, status, storedRun, storedStatus)
  if run ~= storedRun then
    return run > storedRun
  end
  return status ~= 'PENDING' and not terminal[storedStatus]
end

local ttl = ARGV[1]
local index = ARGV[2]
local touched = {}

-- Index maintenance; stored is the status the record replaced, or nil.
local function indexed(key, status, stored, task, score)
  if index == '' then
    return
  end
  local byStatus = index .. 'status:' .. status
  redis.call('ZADD', byStatus, score, key)
  touched[byStatus] = true
  if stored ~= nil and stored ~= status then
    redis.call('ZREM', index .. 'status:' .. stored, key)
  end
  -- Only a job's first stored record joins these two: the PENDING record a producer writes, or
  -- the worker's when it lands first. A later record finds the job in them already.
  if stored == nil then
    local byTask = index .. 'task:' .. task
    redis.call('ZADD', byTask, score, key)
    redis.call('ZADD', index .. 'all', score, key)
    touched[byTask] = true
    touched[index .. 'all'] = true
  end
end

-- Throughput counts of this call, flushed once at its end.
local counts = {}
local counters = { SUCCESS = 'succeeded', FAILURE = 'failed' }

local function count(counter)
  counts[counter] = (counts[counter] or 0) + 1
end

-- newRun: the record is the first stored of its job's run.
local function tallied(status, newRun)
  if index == '' then
    return
  end
  if newRun then
    count('enqueued')
  end
  if counters[status] then
    count(counters[status])
  end
end

local function store(key, record, run, status, task, score)
  -- The PENDING record of a new job finds no record: one command, and no read first.
  if status == 'PENDING' and redis.call('SET', key, record, 'PX', ttl, 'NX') then
    indexed(key, status, nil, task, score)
    tallied(status, true)
    return true
  end
  local storedRun, storedStatus = storedRunAndStatus(key)
  if storedRun ~= nil and not replaces(run, status, storedRun, storedStatus) then
    return false
  end
  redis.call('SET', key, record, 'PX', ttl)
  indexed(key, status, storedStatus, task, score)
  tallied(status, storedRun == nil or run > storedRun)
  return true
end

local function flushCounts()
  local minute
  for counter, n in pairs(counts) do
    if minute == nil then
      minute = math.floor(tonumber(redis.call('TIME')[1]) / 60)
    end
    local key = index .. 'throughput:' .. counter .. ':' .. minute
    redis.call('INCRBY', key, n)
    redis.call('EXPIRE', key, 7200)
  end
end

local function trimmed()
  for key in pairs(touched) do
    redis.call('ZREMRANGEBYSCORE', key, '-inf', '(' .. ARGV[3])
  end
end

local stored = 0
if #ARGV == 3 * #KEYS + 3 then
  for i = 1, #KEYS do
    local record = ARGV[3 * i + 1]
    local run = tonumber(string.match(record, '^{"v":1,"run":(%d+),')) or 1
    if store(KEYS[i], record, run, 'PENDING', ARGV[3 * i + 2], ARGV[3 * i + 3]) then
      stored = stored + 1
    end
  end
  trimmed()
  flushCounts()
  return stored
end
for i = 1, #KEYS do
  local record = ARGV[6 * i - 2]
  if store(KEYS[i], record, tonumber(ARGV[6 * i - 1]), ARGV[6 * i], ARGV[6 * i + 2], ARGV[6 * i + 3]) then
    stored = stored + 1
    local channel = ARGV[6 * i + 1]
    if channel ~= '' then
      redis.call('PUBLISH', channel, record)
    end
  end
end
trimmed()
flushCounts()
return stored
