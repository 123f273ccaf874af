package dev.jobs.sample.dashboard;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.client.EntityExchangeResult;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a dashboard page's script sends with a write, for the API tests: the user's credentials,
 * the page's session cookie and CSRF token, and the dashboard's write header.
 */
final class DashboardSession {

	private static final Pattern CSRF = Pattern.compile("<meta name=\"_csrf\" content=\"([^\"]+)\">");

	private DashboardSession() {
	}

	/**
	 * Reads a page or an API answer as the given user, expecting {@code 200}.
	 */
	static EntityExchangeResult<String> read(RestTestClient client, String path, String user, String password) {
		return client.get()
			.uri(path)
			.headers((headers) -> headers.setBasicAuth(user, password))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult();
	}

	static void signedIn(HttpHeaders headers, EntityExchangeResult<String> page, String user, String password) {
		headers.setBasicAuth(user, password);
		headers.set("X-Jobs-Dashboard", "write");
		Matcher token = CSRF.matcher(page.getResponseBody());
		assertThat(token.find()).as("the page's CSRF token").isTrue();
		headers.set("X-CSRF-TOKEN", token.group(1));
		List<String> cookies = page.getResponseHeaders().get(HttpHeaders.SET_COOKIE);
		assertThat(cookies).as("the session cookie").isNotEmpty();
		headers.set(HttpHeaders.COOKIE, cookies.get(0).split(";", 2)[0]);
	}

}
