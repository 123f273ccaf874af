package dev.jobs.sample.dashboard;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.jobs.JobHandle;
import dev.jobs.JobStatus;
import dev.jobs.Jobs;
import dev.jobs.core.port.DeadLetterQuery;
import dev.jobs.core.port.DeadLetterQueue;
import dev.jobs.sample.SampleIntegrationTest;
import dev.jobs.sample.catalog.CatalogImport;
import dev.jobs.sample.inventory.StockReservations;
import dev.jobs.sample.report.ReportTasks;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven by Selenium through the
 * machine's chromedriver (never a downloaded browser or driver), against the sample app with its
 * real RabbitMQ, Redis and Spring Security. Skipped, visibly, where {@code /usr/bin/chromium} or
 * {@code /usr/bin/chromedriver} is missing ({@code .ci/run} installs both). Screenshots of each
 * page go to {@code target/dashboard-screenshots/}.
 *
 * <p>The scenario: three stock reservations fail while the warehouse is down and land in the
 * dead-letter queue; {@code viewer} sees them grouped, no replay button, and a write forged from
 * the page answers 403; {@code admin} sees the group's count, a dry run reports it and changes
 * nothing, the warehouse comes back, a replay moves the entries back and the reservations run,
 * and the audit page shows the replay.
 */
@SampleIntegrationTest
class DashboardBrowserIntegrationTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	@LocalServerPort
	private int port;

	@Autowired
	private Jobs jobs;

	@Autowired
	private StockReservations reservations;

	@Autowired
	private DeadLetterQueue deadLetters;

	@Autowired
	private CatalogImport catalogImport;

	private WebDriver browser;

	private Path profile;

	/** A product name of letters only, so that the failures' fingerprint is this run's alone. */
	private final String sku = "SKU-" + new Random().ints(10, 'g', 'z' + 1)
		.collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append);

	@BeforeEach
	void startBrowser() throws IOException {
		assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
				"Chromium and chromedriver are not installed (apt-get install -y chromium chromium-driver)");
		this.profile = Files.createTempDirectory("dashboard-chromium");
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.browser = new ChromeDriver(service, options);
		Files.createDirectories(SCREENSHOTS);
	}

	@AfterEach
	void stopBrowser() throws IOException {
		this.reservations.warehouseDown(false);
		// Only this test uses reserve-stock: what a failed run left in the sample's dead-letter
		// queue would stand beside the next run's group.
		this.deadLetters.purge(DeadLetterQuery.first(1_000).task("reserve-stock"));
		if (this.browser != null) {
			this.browser.quit();
		}
		if (this.profile != null) {
			try (var files = Files.walk(this.profile)) {
				files.sorted((a, b) -> b.compareTo(a)).map(Path::toFile).forEach(File::delete);
			}
		}
	}

	@Test
	void viewerReadsAdminDryRunsAndReplaysAndTheAuditShowsIt() throws Exception {
		List<String> ids = failedReservations();

		signIn("viewer", SampleIntegrationTest.VIEWER_PASSWORD);
		WebElement viewersGroup = group();
		assertThat(viewersGroup.findElement(By.className("count")).getText()).isEqualTo("3");
		assertThat(this.browser.findElements(By.cssSelector("button[data-post]"))).isEmpty();
		assertThat(viewersGroup.getText()).doesNotContain("Replay all");
		screenshot("failures-viewer");
		String fingerprint = viewersGroup.getAttribute("data-fingerprint");
		Object forged = ((JavascriptExecutor) this.browser).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				const headers = { 'X-Jobs-Dashboard': 'write' };
				headers[document.querySelector('meta[name="_csrf_header"]').content] =
					document.querySelector('meta[name="_csrf"]').content;
				fetch(arguments[0], { method: 'POST', headers: headers, credentials: 'same-origin' })
					.then((response) => done(response.status));
				""", url("/jobs/api/failures/" + fingerprint + "/replay"));
		assertThat(forged).isEqualTo(403L);
		this.browser.get(url("/jobs/jobs?status=FAILURE&task=reserve-stock"));
		assertThat(this.browser.findElement(By.id("jobs")).getText()).contains(ids);
		screenshot("jobs-search");
		this.browser.get(url("/jobs/jobs/" + ids.get(0)));
		assertThat(this.browser.findElement(By.tagName("main")).getText()).contains("dead-lettered")
			.contains("warehouse reservation API unavailable");
		screenshot("job-detail");
		this.browser.get(url("/logout"));
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();

		signIn("admin", SampleIntegrationTest.ADMIN_PASSWORD);
		screenshot("overview-admin");
		WebElement adminsGroup = group();
		assertThat(adminsGroup.findElement(By.className("count")).getText()).isEqualTo("3");
		adminsGroup.findElement(By.xpath(".//button[text()='Dry run']")).click();
		WebElement result = this.browser.findElement(By.id("result"));
		wait(() -> result.getText().startsWith("Dry run"));
		assertThat(result.getText()).contains("3 dead letters would be replayed").contains("Nothing was changed");
		screenshot("dry-run");
		this.browser.navigate().refresh();
		assertThat(group().findElement(By.className("count")).getText()).as("after the dry run").isEqualTo("3");
		assertThat(ids).allSatisfy((id) -> assertThat(this.jobs.handle(id).snapshot().status())
			.isEqualTo(JobStatus.FAILURE));

		this.reservations.warehouseDown(false);
		group().findElement(By.xpath(".//button[text()='Replay all']")).click();
		WebElement progress = this.browser.findElement(By.id("result"));
		wait(() -> progress.getText().contains("(DONE)"));
		assertThat(progress.getText()).contains("3 of 3 processed, 3 changed");
		screenshot("replayed");
		await().atMost(TIMEOUT).until(() -> this.reservations.reserved(this.sku) == 6);
		assertThat(ids).allSatisfy((id) -> assertThat(this.jobs.handle(id).await(TIMEOUT)).isNull());
		this.browser.navigate().refresh();
		assertThat(this.browser.findElements(By.xpath("//tr[contains(., '" + this.sku + "')]"))).isEmpty();

		this.browser.get(url("/jobs/schedules"));
		assertThat(this.browser.findElement(By.id("schedules")).getText()).contains("sync-inventory");
		screenshot("schedules");

		// A month's rebuild, so that the limits page below shows its concurrency budget in use.
		this.jobs.enqueue(ReportTasks::rebuildMonthlySales, YearMonth.of(2001, 2));
		String batchId = this.catalogImport.start().id();
		await().atMost(TIMEOUT).untilAsserted(() -> {
			this.browser.get(url("/jobs/workflows"));
			assertThat(this.browser.findElement(By.id("batches")).getText()).contains(batchId + " ")
				.containsPattern(batchId + " \\S+ 12 of 12");
		});
		screenshot("workflows");

		this.browser.get(url("/jobs/limits"));
		assertThat(this.browser.findElement(By.id("limits")).getText()).contains("send-confirmation-email");
		screenshot("limits");

		this.browser.get(url("/jobs/audit"));
		String audit = this.browser.findElement(By.id("audit")).getText();
		assertThat(audit).contains("admin").contains("dlq.replay").contains(fingerprint);
		screenshot("audit");
	}

	/** Three reservations (1, 2 and 3 units) that fail for good while the warehouse is down. */
	private List<String> failedReservations() {
		this.reservations.warehouseDown(true);
		List<String> ids = new ArrayList<>();
		for (int quantity = 1; quantity <= 3; quantity++) {
			JobHandle<Void> job = this.jobs.enqueue(StockReservations::reserve, this.sku, quantity);
			ids.add(job.id());
		}
		await().atMost(TIMEOUT).untilAsserted(() -> assertThat(ids)
			.allSatisfy((id) -> assertThat(this.jobs.handle(id).snapshot().status()).isEqualTo(JobStatus.FAILURE)));
		return ids;
	}

	private void signIn(String user, String password) {
		this.browser.get(url("/jobs"));
		this.browser.findElement(By.name("username")).sendKeys(user);
		this.browser.findElement(By.name("password")).sendKeys(password);
		this.browser.findElement(By.cssSelector("button[type=submit]")).click();
		wait(() -> !this.browser.getCurrentUrl().contains("/login"));
		assertThat(this.browser.findElement(By.tagName("nav")).getText()).contains(user);
	}

	/** This run's failure group, on the failures page, once its three dead letters are there. */
	private WebElement group() {
		By row = By.xpath("//table[@id='groups']//tr[contains(., '" + this.sku + "')]");
		await().atMost(TIMEOUT).until(() -> {
			this.browser.get(url("/jobs/failures"));
			List<WebElement> rows = this.browser.findElements(row);
			return !rows.isEmpty() && rows.get(0).findElement(By.className("count")).getText().equals("3");
		});
		return this.browser.findElement(row);
	}

	private void wait(java.util.function.BooleanSupplier condition) {
		new WebDriverWait(this.browser, TIMEOUT).until((driver) -> condition.getAsBoolean());
	}

	private String url(String path) {
		return "http://127.0.0.1:" + this.port + path;
	}

	private void screenshot(String name) throws IOException {
		File file = ((TakesScreenshot) this.browser).getScreenshotAs(OutputType.FILE);
		Files.copy(file.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
	}

}
