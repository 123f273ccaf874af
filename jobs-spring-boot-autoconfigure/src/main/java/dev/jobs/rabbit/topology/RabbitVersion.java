package dev.jobs.rabbit.topology;

/**
 * The version of the RabbitMQ broker a topology is declared on, as its connection announces it,
 * for the queue arguments that differ between versions.
 *
 * @param major the major version
 * @param minor the minor version
 */
public record RabbitVersion(int major, int minor) {

	/**
	 * The version in a broker's {@code version} server property ({@code 3.10.8},
	 * {@code 4.1.0-rc.1}).
	 * @param version the announced version
	 * @return the version
	 * @throws IllegalArgumentException if the text does not start with a major and a minor number
	 */
	public static RabbitVersion parse(String version) {
		String[] parts = (version != null) ? version.split("[.-]") : new String[0];
		try {
			return new RabbitVersion(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]));
		}
		catch (NumberFormatException | ArrayIndexOutOfBoundsException ex) {
			throw new IllegalArgumentException("RabbitMQ announced version '" + version
					+ "', which does not read as major.minor", ex);
		}
	}

	/**
	 * Whether this version is the given one or later.
	 * @param major the major version
	 * @param minor the minor version
	 * @return {@code true} if at least that version
	 */
	public boolean isAtLeast(int major, int minor) {
		return (this.major != major) ? this.major > major : this.minor >= minor;
	}

	@Override
	public String toString() {
		return this.major + "." + this.minor;
	}

}
