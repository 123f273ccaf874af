package dev.jobs.core.envelope;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * Where the jobs mapper's parsers and generators get their buffers: one set per platform thread,
 * a shared pool for virtual threads.
 *
 * <p>Jackson 3's default pool is a concurrent deque that every parser and generator polls and
 * offers to. A job is encoded and decoded several times on its way (envelope, arguments, result
 * record), and that deque was 4% of the application's CPU in the end-to-end benchmark (JFR).
 * A thread-local buffer costs one lookup. Virtual threads are short-lived, a new one per job, so
 * a thread-local buffer would be allocated afresh every time; they keep the shared pool.
 *
 * <p>Each buffer goes back to the pool it came from: the shared pool links its buffers to
 * itself, and thread-local buffers are never released.
 */
final class PerThreadRecyclerPool implements RecyclerPool<BufferRecycler> {

	private static final long serialVersionUID = 1L;

	/** {@code Thread.isVirtual()}, from Java 21; {@code null} on Java 17, which has none. */
	private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

	private static final RecyclerPool<BufferRecycler> PER_THREAD = JsonRecyclerPools.threadLocalPool();

	private final RecyclerPool<BufferRecycler> shared = JsonRecyclerPools.newConcurrentDequePool();

	@Override
	public BufferRecycler acquirePooled() {
		return pool().acquirePooled();
	}

	@Override
	public BufferRecycler acquireAndLinkPooled() {
		return pool().acquireAndLinkPooled();
	}

	/**
	 * Nothing to do: Jackson releases a buffer through the pool it is linked to, which is
	 * never this one.
	 */
	@Override
	public void releasePooled(BufferRecycler recycler) {
	}

	private RecyclerPool<BufferRecycler> pool() {
		return onVirtualThread() ? this.shared : PER_THREAD;
	}

	private static boolean onVirtualThread() {
		if (IS_VIRTUAL == null) {
			return false;
		}
		try {
			return (boolean) IS_VIRTUAL.invokeExact(Thread.currentThread());
		}
		catch (Throwable ex) {
			throw new IllegalStateException("Thread.isVirtual() failed", ex);
		}
	}

	private static MethodHandle isVirtualHandle() {
		try {
			return MethodHandles.publicLookup()
				.findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
		}
		catch (NoSuchMethodException | IllegalAccessException ex) {
			return null;
		}
	}

}
