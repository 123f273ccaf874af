package dev.jobs.core.task;

import java.lang.reflect.Method;

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
	 * @return the expression
	 * @throws IllegalArgumentException if it does not parse
	 */
	public static KeyExpression parse(String text, String origin) {
		try {
			return new KeyExpression(text, origin, PARSER.parseExpression(text));
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException(origin + ": '" + text + "' is not a valid SpEL expression: "
					+ ex.getMessage(), ex);
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
