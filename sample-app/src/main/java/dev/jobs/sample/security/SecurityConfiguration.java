package dev.jobs.sample.security;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * Security of the sample: {@code /api/**} is open (it is a demo), Actuator asks for HTTP
 * basic authentication as {@code admin}, whose password comes from the
 * {@code SAMPLE_ADMIN_PASSWORD} environment variable or, when that is unset, is generated
 * at start-up and logged once.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(SecurityConfiguration.class);

	@Bean
	SecurityFilterChain securityFilterChain(HttpSecurity http) {
		return http
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.toAnyEndpoint())
				.hasRole("ADMIN")
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
	UserDetailsService adminUser(@Value("${SAMPLE_ADMIN_PASSWORD:}") String configuredPassword) {
		String password = StringUtils.hasText(configuredPassword) ? configuredPassword : generatedPassword();
		return new InMemoryUserDetailsManager(User.withUsername("admin")
			.password(PasswordEncoderFactories.createDelegatingPasswordEncoder().encode(password))
			.roles("ADMIN")
			.build());
	}

	private static String generatedPassword() {
		byte[] bytes = new byte[18];
		new SecureRandom().nextBytes(bytes);
		String password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		logger.warn("SAMPLE_ADMIN_PASSWORD is not set: Actuator user 'admin' has the generated password {} "
				+ "(set SAMPLE_ADMIN_PASSWORD to choose one)", password);
		return password;
	}

}
