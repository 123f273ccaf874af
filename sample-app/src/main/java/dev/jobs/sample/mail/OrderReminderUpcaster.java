package dev.jobs.sample.mail;

import java.util.ArrayList;
import java.util.List;

import dev.jobs.TaskUpcaster;

import org.springframework.stereotype.Component;

/**
 * Brings a reminder enqueued by version 1 of {@code send-order-reminder},
 * {@code (orderId, email)}, to version 2, {@code (orderId, recipients)}: the one address becomes
 * a list of one. Kept for as long as a version 1 reminder can wait in the broker (reminders are
 * delayed up to {@code JobOptions.MAX_DELAY}). See {@code docs/rolling-deploys.md}.
 */
@Component
public class OrderReminderUpcaster implements TaskUpcaster {

	@Override
	public String task() {
		return "send-order-reminder";
	}

	@Override
	public int fromVersion() {
		return 1;
	}

	@Override
	public List<Object> upcast(List<Object> args) {
		List<Object> next = new ArrayList<>(args);
		next.set(1, List.of(args.get(1)));
		return next;
	}

}
