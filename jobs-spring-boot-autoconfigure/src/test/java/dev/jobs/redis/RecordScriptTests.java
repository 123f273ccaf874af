package dev.jobs.redis;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.jobs.JobStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The store script keeps its own list of terminal statuses, which make a record final for its
 * run; a terminal status added to {@link JobStatus} and not to the script could be overwritten
 * by a redelivered copy.
 */
class RecordScriptTests {

	private static final Pattern TERMINAL = Pattern.compile("local terminal = \\{([^}]*)\\}");

	@Test
	void scriptTreatsExactlyTheTerminalStatusesAsFinal() throws IOException {
		Matcher matcher = TERMINAL.matcher(script("record_results.lua"));

		assertThat(matcher.find()).as("the terminal table of record_results.lua").isTrue();
		Set<String> inScript = Arrays.stream(matcher.group(1).split(","))
			.map((entry) -> entry.replace("= true", "").trim())
			.filter((name) -> !name.isEmpty())
			.collect(Collectors.toSet());
		assertThat(inScript).isEqualTo(Arrays.stream(JobStatus.values())
			.filter(JobStatus::isTerminal)
			.map(JobStatus::name)
			.collect(Collectors.toSet()));
	}

	private static String script(String name) throws IOException {
		try (InputStream in = RecordScriptTests.class.getResourceAsStream("/dev/jobs/redis/" + name)) {
			assertThat(in).as(name).isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
