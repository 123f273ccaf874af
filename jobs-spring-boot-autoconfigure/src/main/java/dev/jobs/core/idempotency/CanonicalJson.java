package dev.jobs.core.idempotency;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * The canonical JSON text of a job's arguments, from which {@code idempotent = true} derives a
 * job's key, so that equal arguments give equal keys whichever producer wrote them and in
 * whichever form ({@code docs/protocol.md}, "Idempotency keys"):
 * <ul>
 * <li>no whitespace; object members sorted by name, comparing UTF-16 code units (as Java,
 * JavaScript and {@code sort_keys} over Python {@code str} of the BMP do);</li>
 * <li>strings as JSON writes them with the fewest escapes: {@code \"}, {@code \\}, and
 * {@code \}{@code u00XX} (lower-case hex) for control characters only, with {@code \b \f \n \r
 * \t} in their short form;</li>
 * <li>numbers as exact decimals in plain notation: no exponent, no leading {@code +}, no
 * trailing zeros after the point and no point for a whole number, {@code 0} for minus zero
 * ({@code 1.50}, {@code 15e-1} and {@code 1.5} are all {@code 1.5}; {@code 1.0} and
 * {@code 1} are {@code 1});</li>
 * <li>{@code true}, {@code false}, {@code null} as they are.</li>
 * </ul>
 * The key is the lower-case hex SHA-256 of that text in UTF-8.
 */
public final class CanonicalJson {

	private CanonicalJson() {
	}

	/**
	 * The canonical text of a JSON value.
	 * @param value the value
	 * @return its canonical text
	 */
	public static String write(JsonNode value) {
		StringBuilder text = new StringBuilder(64);
		write(value, text);
		return text.toString();
	}

	/**
	 * The key of a job's arguments: the SHA-256 of their canonical text.
	 * @param args the arguments as the message carries them
	 * @return 64 lower-case hex digits
	 */
	public static String sha256(JsonNode args) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(write(args).getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static void write(JsonNode value, StringBuilder text) {
		if (value == null || value.isNull() || value.isMissingNode()) {
			text.append("null");
		}
		else if (value.isBoolean()) {
			text.append(value.booleanValue());
		}
		else if (value.isNumber()) {
			text.append(number(value));
		}
		else if (value.isString()) {
			string(value.stringValue(), text);
		}
		else if (value.isArray()) {
			text.append('[');
			for (int i = 0; i < value.size(); i++) {
				if (i > 0) {
					text.append(',');
				}
				write(value.get(i), text);
			}
			text.append(']');
		}
		else if (value.isObject()) {
			object(value, text);
		}
		else {
			// Binary or POJO nodes never come from a parsed message; as text they would differ by producer.
			throw new IllegalArgumentException("A " + value.getNodeType() + " value has no canonical JSON form");
		}
	}

	private static void object(JsonNode value, StringBuilder text) {
		List<Map.Entry<String, JsonNode>> members = new ArrayList<>(value.properties());
		members.sort(Map.Entry.comparingByKey());
		text.append('{');
		for (int i = 0; i < members.size(); i++) {
			if (i > 0) {
				text.append(',');
			}
			string(members.get(i).getKey(), text);
			text.append(':');
			write(members.get(i).getValue(), text);
		}
		text.append('}');
	}

	private static String number(JsonNode value) {
		BigDecimal decimal = value.decimalValue();
		if (decimal.signum() == 0) {
			return "0";
		}
		return decimal.stripTrailingZeros().toPlainString();
	}

	private static void string(String value, StringBuilder text) {
		text.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> text.append("\\\"");
				case '\\' -> text.append("\\\\");
				case '\b' -> text.append("\\b");
				case '\f' -> text.append("\\f");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				case '\t' -> text.append("\\t");
				default -> {
					if (c < 0x20) {
						text.append(String.format("\\u%04x", (int) c));
					}
					else {
						text.append(c);
					}
				}
			}
		}
		text.append('"');
	}

}
