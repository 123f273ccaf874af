package dev.jobs.core.envelope;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Platform threads keep their own buffers; virtual threads share a pool; a buffer is never handed
 * to two threads at once.
 */
class PerThreadRecyclerPoolTests {

	private final PerThreadRecyclerPool pool = new PerThreadRecyclerPool();

	@Test
	void aPlatformThreadKeepsItsBuffersWithoutGivingThemBackAndNoOtherThreadGetsThem() throws Exception {
		BufferRecycler first = this.pool.acquireAndLinkPooled();
		BufferRecycler again = this.pool.acquireAndLinkPooled();
		BufferRecycler elsewhere = CompletableFuture.supplyAsync(this.pool::acquireAndLinkPooled).get();

		assertThat(again).isSameAs(first);
		assertThat(elsewhere).isNotSameAs(first);
	}

	@Test
	void virtualThreadsShareReleasedBuffersButNotThePlatformThreadsOnes() throws Exception {
		assumeThat(Thread.class.getMethods()).as("virtual threads (Java 21+)")
			.anyMatch((method) -> method.getName().equals("startVirtualThread"));
		BufferRecycler platform = this.pool.acquireAndLinkPooled();
		AtomicReference<BufferRecycler> released = new AtomicReference<>();
		AtomicReference<BufferRecycler> reused = new AtomicReference<>();

		onVirtualThread(() -> {
			BufferRecycler recycler = this.pool.acquireAndLinkPooled();
			released.set(recycler);
			recycler.releaseToPool();
		});
		onVirtualThread(() -> reused.set(this.pool.acquireAndLinkPooled()));

		assertThat(released.get()).isNotSameAs(platform);
		assertThat(reused.get()).isSameAs(released.get());
	}

	@Test
	void theJobsMapperReadsAndWritesWithIt() {
		JsonMapper mapper = JobsJsonMapper.create();

		assertThat(mapper.tokenStreamFactory()._getRecyclerPool()).isInstanceOf(PerThreadRecyclerPool.class);
		assertThat(mapper.readTree(mapper.writeValueAsBytes(List.of("a", 1))).toString())
			.isEqualTo("[\"a\",1]");
	}

	private static void onVirtualThread(Runnable action) throws Exception {
		Thread thread = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, action);
		thread.join();
	}

}
