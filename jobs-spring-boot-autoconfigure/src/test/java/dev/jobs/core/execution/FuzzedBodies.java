package dev.jobs.core.execution;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import dev.jobs.core.envelope.JobCodecs;
import dev.jobs.core.envelope.JobEnvelope;
import dev.jobs.core.envelope.JobIds;

/**
 * Message bodies for fuzzing a worker, from one seeded random source: valid messages of the
 * {@link FuzzTasks} written by the real codec, then flipped, truncated, spliced, given random
 * JSON in a field or an argument (huge numbers, deep nesting, wrong types), renamed, broken as
 * UTF-8, or made of random bytes or random JSON.
 */
final class FuzzedBodies {

	static final List<String> FIELDS = List.of("v", "id", "task", "queue", "args", "attempt", "enqueuedAt",
			"expiresAt", "replays", "eta", "firstFailedAt", "priority", "idempotencyKey", "uniqueKey", "retry",
			"workflow", "batch", "unknown");

	private final JobCodecs codecs;

	private final JsonMapper mapper;

	private final String queue;

	private final Instant now;

	private final Random random;

	/**
	 * Bodies for a queue.
	 * @param codecs the real codecs
	 * @param queue the job queue the valid messages name
	 * @param now when the valid messages say they were enqueued, give or take a second
	 * @param seed the seed of the random source
	 */
	FuzzedBodies(JobCodecs codecs, String queue, Instant now, long seed) {
		this.codecs = codecs;
		this.mapper = codecs.mapper();
		this.queue = queue;
		this.now = now;
		this.random = new Random(seed);
	}

	/**
	 * The next body.
	 * @return the body and how it was made
	 */
	Fuzzed next() {
		Mutation mutation = Mutation.values()[this.random.nextInt(Mutation.values().length)];
		return new Fuzzed(mutation, mutation.apply(this, this.random));
	}

	/**
	 * One body.
	 * @param mutation how it was made
	 * @param body the bytes
	 */
	record Fuzzed(Mutation mutation, byte[] body) {

		String describe() {
			return this.mutation + ": " + new String(this.body, 0, Math.min(this.body.length, 300),
					StandardCharsets.UTF_8);
		}

	}

	/** A valid message of one of the tasks, with arguments that fit, written by the real codec. */
	private byte[] valid(Random random) {
		ArrayNode args = this.mapper.createArrayNode();
		String task = switch (random.nextInt(4)) {
			case 0 -> {
				args.add("text " + random.nextInt());
				yield "echo";
			}
			case 1 -> {
				args.add(random.nextInt(1000)).add(random.nextInt(1000));
				yield "sum";
			}
			case 2 -> {
				args.add(this.mapper.valueToTree(new Line("sku-" + random.nextInt(99), random.nextInt(9),
						new BigDecimal(random.nextInt(10_000)).movePointLeft(2))));
				yield "line";
			}
			default -> {
				args.add(randomJson(random, 3));
				yield "anything";
			}
		};
		JobEnvelope envelope = JobEnvelope.first(JobIds.next(), task, this.queue, args, this.now.minusSeconds(1));
		return this.codecs.envelopes().encode(envelope);
	}

	private ObjectNode validTree(Random random) {
		return (ObjectNode) this.mapper.readTree(valid(random));
	}

	/** Any JSON value, including the ones that break things: huge numbers, long strings, deep nesting. */
	private JsonNode randomJson(Random random, int depth) {
		JsonNodeFactory nodes = this.mapper.getNodeFactory();
		int kind = random.nextInt((depth > 0) ? 12 : 9);
		return switch (kind) {
			case 0 -> nodes.nullNode();
			case 1 -> nodes.booleanNode(random.nextBoolean());
			case 2 -> nodes.numberNode(random.nextLong());
			case 3 -> nodes.numberNode(new BigDecimal("9".repeat(1 + random.nextInt(400))).scaleByPowerOfTen(
					random.nextInt(2000) - 1000));
			case 4 -> nodes.numberNode(random.nextDouble() * Math.pow(10, random.nextInt(600) - 300));
			case 5 -> nodes.stringNode("");
			case 6 -> nodes.stringNode(randomText(random, random.nextInt(40)));
			case 7 -> nodes.stringNode(List.of("2026-12-02T12:00:00Z", "9999-12-31T23:59:59Z", "-1000000000-01-01T00:00Z",
					"PT5M", "echo", "jobs.chord-deadline", this.queue, "a".repeat(300)).get(random.nextInt(8)));
			case 8 -> nodes.numberNode(random.nextInt(5) - 2);
			case 9 -> {
				ArrayNode array = nodes.arrayNode();
				for (int i = random.nextInt(4); i > 0; i--) {
					array.add(randomJson(random, depth - 1));
				}
				yield array;
			}
			case 10 -> {
				ObjectNode object = nodes.objectNode();
				for (int i = random.nextInt(4); i > 0; i--) {
					object.set(FIELDS.get(random.nextInt(FIELDS.size())), randomJson(random, depth - 1));
				}
				yield object;
			}
			// Deeper than the writer allows (500) only as text: DEEP_NESTING.
			default -> deep(random.nextInt(480));
		};
	}

	private JsonNode deep(int depth) {
		JsonNode node = this.mapper.getNodeFactory().numberNode(1);
		for (int i = 0; i < depth; i++) {
			node = this.mapper.getNodeFactory().arrayNode().add(node);
		}
		return node;
	}

	private static String randomText(Random random, int length) {
		StringBuilder text = new StringBuilder();
		for (int i = 0; i < length; i++) {
			text.appendCodePoint(random.nextBoolean() ? 32 + random.nextInt(95) : random.nextInt(0x10000));
		}
		return text.toString();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The ways a body is made. */
	enum Mutation {

		UNCHANGED((fuzz, random) -> fuzz.valid(random)),

		FLIPPED_BYTES((fuzz, random) -> {
			byte[] body = fuzz.valid(random);
			for (int i = 1 + random.nextInt(8); i > 0; i--) {
				body[random.nextInt(body.length)] = (byte) random.nextInt(256);
			}
			return body;
		}),

		TRUNCATED((fuzz, random) -> {
			byte[] body = fuzz.valid(random);
			return Arrays.copyOf(body, random.nextInt(body.length));
		}),

		SPLICED((fuzz, random) -> {
			byte[] first = fuzz.valid(random);
			byte[] second = fuzz.valid(random);
			int cut = random.nextInt(first.length);
			int from = random.nextInt(second.length);
			byte[] body = Arrays.copyOf(first, cut + second.length - from);
			System.arraycopy(second, from, body, cut, second.length - from);
			return body;
		}),

		FIELD_REPLACED((fuzz, random) -> {
			ObjectNode tree = fuzz.validTree(random);
			for (int i = 1 + random.nextInt(3); i > 0; i--) {
				tree.set(FIELDS.get(random.nextInt(FIELDS.size())), fuzz.randomJson(random, 3));
			}
			return fuzz.mapper.writeValueAsBytes(tree);
		}),

		FIELD_REMOVED((fuzz, random) -> {
			ObjectNode tree = fuzz.validTree(random);
			tree.remove(FIELDS.get(random.nextInt(FIELDS.size())));
			return fuzz.mapper.writeValueAsBytes(tree);
		}),

		ARGUMENT_REPLACED((fuzz, random) -> {
			ObjectNode tree = fuzz.validTree(random);
			ArrayNode args = (ArrayNode) tree.get("args");
			if (!args.isEmpty() && random.nextBoolean()) {
				args.set(random.nextInt(args.size()), fuzz.randomJson(random, 3));
			}
			else {
				args.add(fuzz.randomJson(random, 2));
			}
			return fuzz.mapper.writeValueAsBytes(tree);
		}),

		TASK_RENAMED((fuzz, random) -> {
			ObjectNode tree = fuzz.validTree(random);
			tree.put("task", List.of("echo", "sum", "line", "anything", "fails", "Echo", "echo ", "java.lang.Runtime.exec",
					"jobs.chord-deadline", "jobs.", randomText(random, 8)).get(random.nextInt(11)));
			return fuzz.mapper.writeValueAsBytes(tree);
		}),

		DEEP_NESTING((fuzz, random) -> bytes("{\"v\":1,\"id\":\"deep\",\"task\":\"anything\",\"queue\":\"" + fuzz.queue + "\",\"args\":["
				+ "[".repeat(100 + random.nextInt(5000)) + "]}")),

		HUGE_NUMBERS((fuzz, random) -> {
			ObjectNode tree = fuzz.validTree(random);
			String field = List.of("v", "attempt", "replays", "priority").get(random.nextInt(4));
			String json = fuzz.mapper.writeValueAsString(tree);
			String huge = List.of("1e999999999", "-1e999999999", "1" + "0".repeat(5000), "2147483648",
					"9223372036854775808", "-0", "0.5", "1E2").get(random.nextInt(8));
			return bytes(json.substring(0, json.length() - 1) + ",\"" + field + "\":" + huge + "}");
		}),

		INVALID_UTF8((fuzz, random) -> {
			byte[] body = fuzz.valid(random);
			byte[][] bad = { { (byte) 0xC3, 0x28 }, { (byte) 0xFF }, { (byte) 0xED, (byte) 0xA0, (byte) 0x80 },
					{ (byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80 }, { (byte) 0xEF, (byte) 0xBB,
							(byte) 0xBF }, { 0 } };
			byte[] insert = bad[random.nextInt(bad.length)];
			int at = random.nextInt(body.length);
			byte[] out = Arrays.copyOf(body, body.length + insert.length);
			System.arraycopy(insert, 0, out, at, insert.length);
			System.arraycopy(body, at, out, at + insert.length, body.length - at);
			return out;
		}),

		RANDOM_BYTES((fuzz, random) -> {
			byte[] body = new byte[random.nextInt(200)];
			random.nextBytes(body);
			return body;
		}),

		RANDOM_JSON((fuzz, random) -> fuzz.mapper.writeValueAsBytes(fuzz.randomJson(random, 4)));

		private final BiFunction<FuzzedBodies, Random, byte[]> maker;

		Mutation(BiFunction<FuzzedBodies, Random, byte[]> maker) {
			this.maker = maker;
		}

		byte[] apply(FuzzedBodies fuzz, Random random) {
			return this.maker.apply(fuzz, random);
		}

	}

	record Line(String sku, int quantity, BigDecimal unitPrice) {
	}

	/** Tasks of every kind of parameter; none has an effect but the one that fails. */
	static class FuzzTasks {

		@dev.jobs.BackgroundTask(name = "echo")
		String echo(String text) {
			return text;
		}

		@dev.jobs.BackgroundTask(name = "sum")
		int sum(int a, int b) {
			return a + b;
		}

		@dev.jobs.BackgroundTask(name = "line")
		BigDecimal line(Line line) {
			return line.unitPrice().multiply(BigDecimal.valueOf(line.quantity()));
		}

		@dev.jobs.BackgroundTask(name = "anything")
		Object anything(Object value) {
			return value;
		}

		@dev.jobs.BackgroundTask(name = "fails")
		void fails(String text) {
			throw new IllegalStateException("failed on purpose");
		}

	}

}
