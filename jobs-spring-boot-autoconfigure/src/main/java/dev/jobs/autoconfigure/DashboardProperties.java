package dev.jobs.autoconfigure;

import java.time.Duration;

/**
 * The operators' dashboard, {@code jobs.dashboard.*} (docs/dashboard.md).
 */
public class DashboardProperties {

	/**
	 * Whether the application serves the dashboard. When unset, it does where Spring Security is
	 * on the class path, so that it is never served to anyone without a way to sign in.
	 */
	private Boolean enabled;

	/**
	 * Path the dashboard is served at.
	 */
	private String path = "/jobs";

	/**
	 * How long operators' actions are kept in the audit trail.
	 */
	private Duration auditTtl = Duration.ofDays(30);

	/**
	 * Most dead letters read to group them by cause, 1 to 10000.
	 */
	private int groupedEntries = 10_000;

	/**
	 * How old a read of the dead-letter queue the failure pages may show before a view starts
	 * another, in the background; 0 to read it again on every view.
	 */
	private Duration failuresMaxAge = Duration.ofSeconds(5);

	/**
	 * Link from a job's page to its trace in the tracing backend, with {traceId} where the id
	 * goes, such as http://localhost:16686/trace/{traceId} for Jaeger; unset to show the id as
	 * text.
	 */
	private String traceUrl;

	/** @return whether the application serves the dashboard, or {@code null} to decide by Spring Security */
	public Boolean getEnabled() {
		return this.enabled;
	}

	/** @param enabled whether the application serves the dashboard */
	public void setEnabled(Boolean enabled) {
		this.enabled = enabled;
	}

	/** @return path the dashboard is served at */
	public String getPath() {
		return this.path;
	}

	/** @param path path the dashboard is served at */
	public void setPath(String path) {
		this.path = path;
	}

	/** @return how long operators' actions are kept in the audit trail */
	public Duration getAuditTtl() {
		return this.auditTtl;
	}

	/** @param auditTtl how long operators' actions are kept in the audit trail */
	public void setAuditTtl(Duration auditTtl) {
		this.auditTtl = auditTtl;
	}

	/** @return most dead letters read to group them by cause */
	public int getGroupedEntries() {
		return this.groupedEntries;
	}

	/** @param groupedEntries most dead letters read to group them by cause */
	public void setGroupedEntries(int groupedEntries) {
		this.groupedEntries = groupedEntries;
	}

	/** @return how old a read of the dead-letter queue the failure pages may show */
	public Duration getFailuresMaxAge() {
		return this.failuresMaxAge;
	}

	/** @param failuresMaxAge how old a read of the dead-letter queue the failure pages may show */
	public void setFailuresMaxAge(Duration failuresMaxAge) {
		this.failuresMaxAge = failuresMaxAge;
	}

	/** @return the link to a trace, with {traceId} where the id goes, or {@code null} */
	public String getTraceUrl() {
		return this.traceUrl;
	}

	/** @param traceUrl the link to a trace, with {traceId} where the id goes */
	public void setTraceUrl(String traceUrl) {
		this.traceUrl = traceUrl;
	}

}
