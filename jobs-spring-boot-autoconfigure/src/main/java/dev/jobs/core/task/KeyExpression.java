package dev.jobs.core.task;

import java.lang.reflect.Method;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.expression.EvaluationException;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;

/**
 * A SpEL expression over a task method's parameters that names a key (an idempotency key, a
 * lock): parameters by name ({@code #orderId}, when the class is compiled with
 * {@code -parameters}) or by position ({@code #p0}, {@code #a0}). Parsed once, when the task
 * is registered, so that a typo fails start-up; evaluated for each job with its decoded
 * arguments.
 */
public final class KeyExpression {

	private static final SpelExpressionParser PARSER = new SpelExpressionParser();

	private static final ParameterNameDiscoverer NAMES = new DefaultParameterNameDiscoverer();

	private static final Pattern VARIABLE = Pattern.compile("#([A-Za-z_][A-Za-z0-9_]*)");

	private static final Pattern POSITIONAL = Pattern.compile("[pa]\\d+");

	private final String text;

	private final String origin;

	private final Expression expression;

	private KeyExpression(String text, String origin, Expression expression) {
		this.text = text;
		this.origin = origin;
		this.expression = expression;
	}

	/**
	 * Parses an expression.
	 * @param text the expression
	 * @param origin where it was given, for messages ({@code @BackgroundTask(lock) on ...})
	 * @param method the task method whose parameters it may name
	 * @return the expression
	 * @throws IllegalArgumentException if it does not parse, or names a variable that is not a
	 * parameter of the method
	 */
	public static KeyExpression parse(String text, String origin, Method method) {
		requireKnownVariables(text, origin, method);
		try {
			return new KeyExpression(text, origin, PARSER.parseExpression(text));
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(origin + ": '" + text + "' is not a valid SpEL expression: "
					+ ex.getMessage(), ex);
		}
	}

	/**
	 * Refuses a {@code #name} that is not a parameter: evaluated, it would be {@code null} for
	 * every job, so that every job would share one key (one lock, one result). Without
	 * {@code -parameters} the names are unknown, and only {@code #p0} / {@code #a0} can work.
	 */
	private static void requireKnownVariables(String text, String origin, Method method) {
		String[] names = NAMES.getParameterNames(method);
		List<String> known = (names != null) ? List.of(names) : List.of();
		Matcher variable = VARIABLE.matcher(text);
		while (variable.find()) {
			String name = variable.group(1);
			if (!POSITIONAL.matcher(name).matches() && !name.equals("root") && !name.equals("this")
					&& !known.contains(name)) {
				throw new IllegalArgumentException(origin + ": '" + text + "' names #" + name + ", which is not a"
						+ " parameter of " + method.getName() + ((names != null) ? " (its parameters: " + known + ")"
								: " (its parameter names are not known: compile with -parameters, or write #p0, #p1)"));
			}
		}
	}

	/**
	 * The key for one job.
	 * @param method the task method, whose parameter names the expression may use
	 * @param args the job's decoded arguments
	 * @return the key as text
	 * @throws IllegalArgumentException if the expression fails or gives nothing: the job's
	 * arguments cannot be keyed, which is bad input
	 */
	public String keyFor(Method method, Object[] args) {
		Object value;
		try {
			value = this.expression.getValue(new MethodBasedEvaluationContext(null, method, args, NAMES));
		}
		catch (EvaluationException ex) {
			throw new IllegalArgumentException(this.origin + ": '" + this.text + "' failed for the job's arguments: "
					+ ex.getMessage(), ex);
		}
		String key = (value != null) ? value.toString() : "";
		if (key.isBlank()) {
			throw new IllegalArgumentException(this.origin + ": '" + this.text + "' gave no key for the job's arguments");
		}
		return key;
	}

	@Override
	public String toString() {
		return this.text;
	}

}
