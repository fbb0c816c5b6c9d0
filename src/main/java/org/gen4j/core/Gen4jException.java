package org.gen4j.core;

/**
 * The one exception gen4j throws for problems a user can fix: bad data, bad parameters, bad files.
 * Its message names the problem (which row, which column, which parameter, which file) and says
 * what was expected. Anything else that escapes gen4j is a bug in gen4j.
 */
public class Gen4jException extends RuntimeException {
    public Gen4jException(String message) {
        super(message);
    }

    public Gen4jException(String message, Throwable cause) {
        super(message, cause);
    }
}
