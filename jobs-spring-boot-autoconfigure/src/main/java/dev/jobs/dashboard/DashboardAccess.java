package dev.jobs.dashboard;

import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Who may read the dashboard, who may change anything through it, and who sees job arguments,
 * by the roles of the Actuator endpoint ({@code jobs.actuate.roles},
 * {@code jobs.actuate.write-roles}, {@code jobs.actuate.show-values}). Roles are asked of the
 * request ({@link HttpServletRequest#isUserInRole}), which Spring Security answers from the
 * signed-in user.
 *
 * @param readRoles roles of which a user must have one to read; empty for any user the
 * application's security lets through
 * @param writeRoles roles of which a user must have one to replay, delete, cancel or pause; empty
 * for any reader
 * @param showValues when arguments are shown: {@code NEVER}, {@code WHEN_AUTHORIZED} (a signed-in
 * user with one of the read roles, or any signed-in user when there are none) or {@code ALWAYS}
 */
public record DashboardAccess(Set<String> readRoles, Set<String> writeRoles, String showValues) {

	/**
	 * Creates the access rules, copying the role sets.
	 * @param readRoles roles of which a user must have one to read
	 * @param writeRoles roles of which a user must have one to write
	 * @param showValues when arguments are shown
	 */
	public DashboardAccess {
		readRoles = Set.copyOf(readRoles);
		writeRoles = Set.copyOf(writeRoles);
	}

	boolean mayRead(HttpServletRequest request) {
		return this.readRoles.isEmpty() || this.readRoles.stream().anyMatch(request::isUserInRole);
	}

	boolean mayWrite(HttpServletRequest request) {
		return mayRead(request)
				&& (this.writeRoles.isEmpty() || this.writeRoles.stream().anyMatch(request::isUserInRole));
	}

	boolean showsArguments(HttpServletRequest request) {
		return switch (this.showValues) {
			case "ALWAYS" -> true;
			case "WHEN_AUTHORIZED" -> request.getUserPrincipal() != null && mayRead(request);
			default -> false;
		};
	}

	static String user(HttpServletRequest request) {
		return (request.getUserPrincipal() != null) ? request.getUserPrincipal().getName() : "anonymous";
	}

}
