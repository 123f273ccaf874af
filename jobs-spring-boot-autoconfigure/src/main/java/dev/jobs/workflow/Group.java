package dev.jobs.workflow;

import java.util.List;

/**
 * Members that run side by side. The group yields the list of their results in the order the
 * members were given, once every member has succeeded; a member that fails for good fails the
 * group. Build one with {@link Workflows#group}.
 *
 * @param members the members, at least one
 * @param errback the error callback, or {@code null}
 * @param <E> the members' result type
 */
public record Group<E>(List<Workflow<? extends E>> members, Signature<?> errback) implements Workflow<List<E>> {

	/**
	 * Creates a {@code Group}, checking its components.
	 * @param members the members, at least one
	 * @param errback the error callback, or {@code null}
	 */
	public Group {
		members = List.copyOf(members);
		if (members.isEmpty()) {
			throw new IllegalArgumentException("A group needs at least one member");
		}
	}

	@Override
	public Group<E> onError(Signature<?> errback) {
		return new Group<>(this.members, errback);
	}

}
