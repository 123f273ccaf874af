package dev.jobs.sample.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * Security of the sample: {@code /api/**} is open (it is a demo), Actuator asks for HTTP
 * basic authentication as {@code admin} (role {@code ADMIN}: reads and writes, see
 * {@code jobs.actuate.write-roles}) or {@code viewer} (role {@code VIEWER}: reads only), whose
 * passwords come from the {@code SAMPLE_ADMIN_PASSWORD} and {@code SAMPLE_VIEWER_PASSWORD}
 * environment variables or, when unset, are generated at start-up and logged once. The same users
 * sign in to the jobs dashboard at {@code /jobs} (a form, a session, and Spring Security's CSRF
 * protection on every write); which of them may write there is {@code jobs.actuate.write-roles}.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	/**
	 * The dashboard's own chain, ahead of the other: a login form and a session for people, HTTP
	 * basic for scripts, and CSRF protection left on (the dashboard's pages send the token).
	 */
	@Bean
	@Order(1)
	SecurityFilterChain dashboardSecurityFilterChain(HttpSecurity http) {
		// default-ui.css is the style of Spring Security's login and logout pages: denied by the
		// other chain, it made the browser ask for basic credentials and hang.
		return http.securityMatcher("/jobs", "/jobs/**", "/login", "/logout", "/default-ui.css")
			.authorizeHttpRequests((requests) -> requests.requestMatchers("/default-ui.css")
				.permitAll()
				.anyRequest()
				.hasAnyRole("ADMIN", "VIEWER"))
			.formLogin((form) -> form.defaultSuccessUrl("/jobs", false).permitAll())
			.httpBasic(Customizer.withDefaults())
			.build();
	}

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		return http
			.authorizeHttpRequests((requests) -> requests
				// Writes to any endpoint are the admin's: jobs.actuate.write-roles covers replay, purge
				// and cancel, this also the schedule and queue actions.
				.requestMatchers(HttpMethod.POST, "/actuator/**")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.DELETE, "/actuator/**")
				.hasRole("ADMIN")
				.requestMatchers(EndpointRequest.toAnyEndpoint())
				.hasAnyRole("ADMIN", "VIEWER")
				.requestMatchers("/api/**", "/error")
				.permitAll()
				.anyRequest()
				.denyAll())
			.httpBasic(Customizer.withDefaults())
			// No sessions and no cookies: each request carries its credentials, if any.
			.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	UserDetailsService actuatorUsers(@Value("${SAMPLE_ADMIN_PASSWORD:}") String adminPassword,
			@Value("${SAMPLE_VIEWER_PASSWORD:}") String viewerPassword) {
		return new InMemoryUserDetailsManager(user("admin", "ADMIN", adminPassword, "SAMPLE_ADMIN_PASSWORD"),
				user("viewer", "VIEWER", viewerPassword, "SAMPLE_VIEWER_PASSWORD"));
	}

	private static UserDetails user(String name, String role, String configuredPassword, String variable) {
		String password = StringUtils.hasText(configuredPassword) ? configuredPassword : generatedPassword(name,
				variable);
		return User.withUsername(name)
			.password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password))
			.roles(role)
			.build();
	}

	private static String generatedPassword(String name, String variable) {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		logger.warn("{} is not set: Actuator user '{}' has the generated password {} (set {} to choose one)", variable,
				name, password, variable);
		return password;
	}

}
