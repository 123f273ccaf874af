package dev.jobs.workflow;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

import dev.jobs.JobOptions;
import dev.jobs.TaskMethod0;
import dev.jobs.TaskMethod1;
import dev.jobs.TaskMethod2;
import dev.jobs.TaskMethod3;
import dev.jobs.TaskMethod4;
import dev.jobs.VoidTaskMethod0;
import dev.jobs.VoidTaskMethod1;
import dev.jobs.VoidTaskMethod2;
import dev.jobs.VoidTaskMethod3;
import dev.jobs.VoidTaskMethod4;

/**
 * The factories of workflows, for a static import:
 *
 * <pre>{@code
 * import static dev.jobs.workflow.Workflows.*;
 *
 * jobs.submit(chain(sig(Files::download, url), sig(Csv::parse), sig(Store::save)));
 * jobs.submit(chord(ids.stream().map((id) -> sig(Images::process, id)).toList(), sig(Reports::aggregate))
 *     .onError(sig(Alerts::chordFailed)));
 * }</pre>
 *
 * A signature is checked against its task method at compile time, as {@code jobs.enqueue} is:
 * it is given every argument, or every argument but the first, which in a chain (or as a
 * callback) is the result of what ran before it. Which arguments a step is given is checked again when the
 * workflow is submitted.
 */
public final class Workflows {

	private Workflows() {
	}

	/**
	 * A signature of a 0-argument task with every argument given now.
	 * @param task the task method, as a method reference
	 * @param <B> the bean type
	 * @param <R> the result type
	 * @return the signature
	 */
	public static <B, R> Signature<R> sig(TaskMethod0<B, R> task) {
		return of(task);
	}

	/**
	 * A signature of a 1-argument task with every argument given now.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <R> the result type
	 * @return the signature
	 */
	public static <B, A1, R> Signature<R> sig(TaskMethod1<B, A1, R> task, A1 a1) {
		return of(task, a1);
	}

	/**
	 * A signature of a 1-argument task with no argument given now: its first comes from what runs before it.
	 * @param task the task method, as a method reference
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <R> the result type
	 * @return the signature
	 */
	public static <B, A1, R> Signature<R> sig(TaskMethod1<B, A1, R> task) {
		return of(task);
	}

	/**
	 * A signature of a 2-argument task with every argument given now.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <R> the result type
	 * @return the signature
	 */
	public static <B, A1, A2, R> Signature<R> sig(TaskMethod2<B, A1, A2, R> task, A1 a1, A2 a2) {
		return of(task, a1, a2);
	}

	/**
	 * A signature of a 2-argument task with its last 1 of 2 arguments given now: its first comes from what runs before it.
	 * @param task the task method, as a method reference
	 * @param a2 argument 2
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <R> the result type
	 * @return the signature
	 */
	public static <B, A1, A2, R> Signature<R> sig(TaskMethod2<B, A1, A2, R> task, A2 a2) {
		return of(task, a2);
	}

	/**
	 * A signature of a 3-argument task with every argument given now.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @param <R> the result type
	 * @return the signature
	 */
	public static <B, A1, A2, A3, R> Signature<R> sig(TaskMethod3<B, A1, A2, A3, R> task, A1 a1, A2 a2, A3 a3) {
		return of(task, a1, a2, a3);
	}

	/**
	 * A signature of a 3-argument task with its last 2 of 3 arguments given now: its first comes from what runs before it.
	 * @param task the task method, as a method reference
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @param <R> the result type
	 * @return the signature
	 */
	public static <B, A1, A2, A3, R> Signature<R> sig(TaskMethod3<B, A1, A2, A3, R> task, A2 a2, A3 a3) {
		return of(task, a2, a3);
	}

	/**
	 * A signature of a 4-argument task with every argument given now.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param a4 argument 4
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @param <A4> the type of parameter 4
	 * @param <R> the result type
	 * @return the signature
	 */
	public static <B, A1, A2, A3, A4, R> Signature<R> sig(TaskMethod4<B, A1, A2, A3, A4, R> task, A1 a1, A2 a2, A3 a3, A4 a4) {
		return of(task, a1, a2, a3, a4);
	}

	/**
	 * A signature of a 4-argument task with its last 3 of 4 arguments given now: its first comes from what runs before it.
	 * @param task the task method, as a method reference
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param a4 argument 4
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @param <A4> the type of parameter 4
	 * @param <R> the result type
	 * @return the signature
	 */
	public static <B, A1, A2, A3, A4, R> Signature<R> sig(TaskMethod4<B, A1, A2, A3, A4, R> task, A2 a2, A3 a3, A4 a4) {
		return of(task, a2, a3, a4);
	}

	/**
	 * A signature of a 0-argument void task with every argument given now.
	 * @param task the task method, as a method reference
	 * @param <B> the bean type
	 * @return the signature
	 */
	public static <B> Signature<Void> sig(VoidTaskMethod0<B> task) {
		return of(task);
	}

	/**
	 * A signature of a 1-argument void task with every argument given now.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @return the signature
	 */
	public static <B, A1> Signature<Void> sig(VoidTaskMethod1<B, A1> task, A1 a1) {
		return of(task, a1);
	}

	/**
	 * A signature of a 1-argument void task with no argument given now: its first comes from what runs before it.
	 * @param task the task method, as a method reference
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @return the signature
	 */
	public static <B, A1> Signature<Void> sig(VoidTaskMethod1<B, A1> task) {
		return of(task);
	}

	/**
	 * A signature of a 2-argument void task with every argument given now.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @return the signature
	 */
	public static <B, A1, A2> Signature<Void> sig(VoidTaskMethod2<B, A1, A2> task, A1 a1, A2 a2) {
		return of(task, a1, a2);
	}

	/**
	 * A signature of a 2-argument void task with its last 1 of 2 arguments given now: its first comes from what runs before it.
	 * @param task the task method, as a method reference
	 * @param a2 argument 2
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @return the signature
	 */
	public static <B, A1, A2> Signature<Void> sig(VoidTaskMethod2<B, A1, A2> task, A2 a2) {
		return of(task, a2);
	}

	/**
	 * A signature of a 3-argument void task with every argument given now.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @return the signature
	 */
	public static <B, A1, A2, A3> Signature<Void> sig(VoidTaskMethod3<B, A1, A2, A3> task, A1 a1, A2 a2, A3 a3) {
		return of(task, a1, a2, a3);
	}

	/**
	 * A signature of a 3-argument void task with its last 2 of 3 arguments given now: its first comes from what runs before it.
	 * @param task the task method, as a method reference
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @return the signature
	 */
	public static <B, A1, A2, A3> Signature<Void> sig(VoidTaskMethod3<B, A1, A2, A3> task, A2 a2, A3 a3) {
		return of(task, a2, a3);
	}

	/**
	 * A signature of a 4-argument void task with every argument given now.
	 * @param task the task method, as a method reference
	 * @param a1 argument 1
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param a4 argument 4
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @param <A4> the type of parameter 4
	 * @return the signature
	 */
	public static <B, A1, A2, A3, A4> Signature<Void> sig(VoidTaskMethod4<B, A1, A2, A3, A4> task, A1 a1, A2 a2, A3 a3, A4 a4) {
		return of(task, a1, a2, a3, a4);
	}

	/**
	 * A signature of a 4-argument void task with its last 3 of 4 arguments given now: its first comes from what runs before it.
	 * @param task the task method, as a method reference
	 * @param a2 argument 2
	 * @param a3 argument 3
	 * @param a4 argument 4
	 * @param <B> the bean type
	 * @param <A1> the type of parameter 1
	 * @param <A2> the type of parameter 2
	 * @param <A3> the type of parameter 3
	 * @param <A4> the type of parameter 4
	 * @return the signature
	 */
	public static <B, A1, A2, A3, A4> Signature<Void> sig(VoidTaskMethod4<B, A1, A2, A3, A4> task, A2 a2, A3 a3, A4 a4) {
		return of(task, a2, a3, a4);
	}
	/**
	 * A signature of a task given by name, such as one another service runs.
	 * @param task the task name
	 * @param args the arguments given now
	 * @return the signature
	 */
	public static Signature<Object> sig(String task, Object... args) {
		return new Signature<>(null, task, Arrays.asList((args != null) ? args : new Object[] { null }), null,
				false, null);
	}

	/**
	 * Two steps, one after the other.
	 * @param first the first step
	 * @param second the second step, given the first's result
	 * @param <T> the last step's result type
	 * @return the chain
	 */
	public static <T> Chain<T> chain(Workflow<?> first, Workflow<T> second) {
		return new Chain<>(List.of(first, second), null);
	}

	/**
	 * Three steps, one after the other.
	 * @param first the first step
	 * @param second the second step
	 * @param third the third step
	 * @param <T> the last step's result type
	 * @return the chain
	 */
	public static <T> Chain<T> chain(Workflow<?> first, Workflow<?> second, Workflow<T> third) {
		return new Chain<>(List.of(first, second, third), null);
	}

	/**
	 * Four steps, one after the other.
	 * @param first the first step
	 * @param second the second step
	 * @param third the third step
	 * @param fourth the fourth step
	 * @param <T> the last step's result type
	 * @return the chain
	 */
	public static <T> Chain<T> chain(Workflow<?> first, Workflow<?> second, Workflow<?> third, Workflow<T> fourth) {
		return new Chain<>(List.of(first, second, third, fourth), null);
	}

	/**
	 * Any number of steps, one after the other.
	 * @param steps the steps, at least one
	 * @return the chain, yielding the last step's result
	 */
	public static Chain<Object> chain(List<? extends Workflow<?>> steps) {
		return new Chain<>(List.copyOf(steps), null);
	}

	/**
	 * Members side by side.
	 * @param members the members, at least one
	 * @param <E> the members' result type
	 * @return the group, yielding their results in this order
	 */
	@SafeVarargs
	public static <E> Group<E> group(Workflow<? extends E>... members) {
		return new Group<>(List.of(members), null);
	}

	/**
	 * Members side by side.
	 * @param members the members, at least one
	 * @param <E> the members' result type
	 * @return the group, yielding their results in this order
	 */
	public static <E> Group<E> group(List<? extends Workflow<? extends E>> members) {
		return new Group<>(List.copyOf(members), null);
	}

	/**
	 * A header of jobs side by side, then a callback given the list of their results.
	 * @param header the header's members, at least one
	 * @param callback the callback
	 * @param <T> the callback's result type
	 * @return the chord
	 */
	public static <T> Chord<T> chord(List<? extends Workflow<?>> header, Workflow<T> callback) {
		return new Chord<>(new Group<>(List.copyOf(header), null), callback, null, false, false, null);
	}

	/**
	 * A group, then a callback given the list of its results.
	 * @param header the header
	 * @param callback the callback
	 * @param <T> the callback's result type
	 * @return the chord
	 */
	public static <T> Chord<T> chord(Group<?> header, Workflow<T> callback) {
		return new Chord<>(header, callback, null, false, false, null);
	}

	private static <T> Signature<T> of(Serializable method, Object... given) {
		return new Signature<>(method, null, Arrays.asList(given), JobOptions.defaults(), false, null);
	}

}
