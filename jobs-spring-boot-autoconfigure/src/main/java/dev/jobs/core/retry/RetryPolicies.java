package dev.jobs.core.retry;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The retry policies an application defines: {@code jobs.retry.default} and the named ones
 * under {@code jobs.retry.policies}.
 */
public final class RetryPolicies {

	/** The name of the default policy. */
	public static final String DEFAULT = "default";

	private final RetryPolicy defaultPolicy;

	private final Map<String, RetryPolicy> named;

	/**
	 * Creates the policies.
	 * @param defaultPolicy the policy of tasks that name none
	 * @param named the named policies
	 */
	public RetryPolicies(RetryPolicy defaultPolicy, Map<String, RetryPolicy> named) {
		this.defaultPolicy = defaultPolicy;
		this.named = new TreeMap<>(named);
	}

	/**
	 * The default policy.
	 * @return the policy of tasks that name none
	 */
	public RetryPolicy defaultPolicy() {
		return this.defaultPolicy;
	}

	/**
	 * The policy of a name, if there is one: for a name a job carries, which a worker of another
	 * version may not know.
	 * @param name a policy name, or {@code default}
	 * @return the policy, or empty
	 */
	public Optional<RetryPolicy> find(String name) {
		return Optional.ofNullable(DEFAULT.equals(name) ? this.defaultPolicy : this.named.get(name));
	}

	/**
	 * The policy of a name.
	 * @param name a policy name, or {@code default}
	 * @param where what named it, for the error message (a property or an annotated method)
	 * @return the policy
	 * @throws IllegalArgumentException naming the known policies if there is none of that name
	 */
	public RetryPolicy named(String name, String where) {
		if (DEFAULT.equals(name)) {
			return this.defaultPolicy;
		}
		RetryPolicy policy = this.named.get(name);
		if (policy == null) {
			throw new IllegalArgumentException(where + ": no retry policy named '" + name + "' (known: " + DEFAULT
					+ (this.named.isEmpty() ? "" : ", " + String.join(", ", this.named.keySet()))
					+ "). Define it under jobs.retry.policies." + name);
		}
		return policy;
	}

}
