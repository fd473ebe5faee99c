package com.cwfn.app;

import java.nio.file.Path;
import org.apache.camel.FailedToCreateRouteException;

/**
 * A route file the connector cannot run, said in one line that names the place: the file and its line, or the route
 * id, its file and the step id. Start-up stops with it; a reload refuses the edit with it.
 */
public class RouteProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RouteProblem(String message) {
        super(message);
    }

    public RouteProblem(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * One line for a failure to build or start the routes: a {@link RouteProblem}'s own message; a route Camel could
     * not create, named with its file; else the innermost cause.
     */
    public static String describe(Throwable t) {
        FailedToCreateRouteException route = null;
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof RouteProblem p) {
                return p.getMessage();
            }
            if (route == null && c instanceof FailedToCreateRouteException f) {
                route = f;
            }
        }
        String cause = innermost(t);
        return route == null || route.getRouteId() == null ? cause
                : "route " + route.getRouteId() + (route.getLocation() == null ? "" : " in " + file(route.getLocation()))
                + ": " + cause;
    }

    /** The message of the innermost cause, on one line. */
    static String innermost(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        String m = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
        return m.replaceAll("\\s*\\R\\s*", " ");
    }

    /** A route file as an operator knows it: routes/x.camel.yaml, or the jar's copy of it. */
    static String file(String location) {
        if (location == null) {
            return "an unknown file";
        }
        if (location.startsWith("classpath:")) {
            return location.substring("classpath:".length()) + " (the copy in the jar)";
        }
        String f = location.startsWith("file:") ? location.substring("file:".length()) : location;
        Path p = Path.of(f).toAbsolutePath().normalize();
        Path here = Path.of("").toAbsolutePath();
        return p.startsWith(here) ? here.relativize(p).toString() : p.toString();
    }
}
