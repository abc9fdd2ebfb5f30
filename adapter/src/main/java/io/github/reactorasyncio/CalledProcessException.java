package io.github.reactorasyncio;

import java.io.IOException;
import java.util.List;

/**
 * A subprocess exited with a status other than 0 where success was expected: Python's
 * {@code subprocess.CalledProcessError}. Thrown by {@link Subprocess#outputLines(String...)}.
 */
public class CalledProcessException extends IOException {

	private static final long serialVersionUID = 1L;

	/** The exit status. */
	private final int returnCode;
	/** The command that ran. */
	private final String[] command;

	/**
	 * Creates the exception.
	 *
	 * @param returnCode the exit status
	 * @param command the command that ran
	 * @param stderr the end of what it wrote to stderr, possibly empty
	 */
	public CalledProcessException(int returnCode, List<String> command, String stderr) {
		super("Command " + command + " returned non-zero exit status " + returnCode
				+ (stderr.isBlank() ? "" : "; its stderr ends with: " + stderr.strip()));
		this.returnCode = returnCode;
		this.command = command.toArray(String[]::new);
	}

	/** {@return the exit status} */
	public int returnCode() {
		return returnCode;
	}

	/** {@return the command that ran} */
	public List<String> command() {
		return List.of(command);
	}
}
