package dev.jobs.redis;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisScriptingCommands;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The local Redis, counting the Lua script calls sent through this factory. Each script call
 * starts with one {@code EVALSHA} (followed by an {@code EVAL} only when Redis has not cached the
 * script), so the count is the number of script calls whatever the state of the script cache.
 * Counted here rather than from {@code INFO commandstats}, which is server-wide and so also
 * counts other clients of the same Redis.
 */
final class ScriptCountingConnectionFactory extends LettuceConnectionFactory {

	private final AtomicInteger scriptCalls = new AtomicInteger();

	ScriptCountingConnectionFactory() {
		super(new RedisStandaloneConfiguration("127.0.0.1", 6379));
	}

	/**
	 * How many scripts were called through this factory.
	 * @return the number of script calls
	 */
	int scriptCalls() {
		return this.scriptCalls.get();
	}

	@Override
	public RedisConnection getConnection() {
		return counting(RedisConnection.class, super.getConnection());
	}

	/** Counts {@code evalSha} on the connection and on its {@code scriptingCommands()}. */
	@SuppressWarnings("unchecked")
	private <T> T counting(Class<T> type, T target) {
		return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					if (method.getName().equals("evalSha")) {
						this.scriptCalls.incrementAndGet();
					}
					try {
						Object result = method.invoke(target, args);
						return method.getName().equals("scriptingCommands")
								? counting(RedisScriptingCommands.class, (RedisScriptingCommands) result) : result;
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
