package com.cwfn.app;

/**
 * A route file the connector cannot run, said in one line that names the place: the file and its line, or the route
 * id and the step id. Start-up stops with it; a reload refuses the edit with it.
 */
public class RouteProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RouteProblem(String message) {
        super(message);
    }

    public RouteProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
