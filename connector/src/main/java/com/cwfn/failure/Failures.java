package com.cwfn.failure;

import com.cwfn.http.RemoteCallException;
import com.cwfn.mapping.MappingException;
import com.cwfn.pause.Pause;
import com.cwfn.store.StoreException;
import java.io.IOException;
import java.util.Optional;

/**
 * Sorts a failure into passing (worth trying again: no answer, timeouts, 408, 409, 429, 5xx, database or I/O
 * trouble, and anything unknown) or permanent (a {@link PermanentFailure}, a mapping error, any other 4xx), and
 * says what went wrong in one line an operator can act on. A {@link Pause} anywhere in the causes is neither: the
 * event did nothing wrong and waits for the pause's end ({@link #pause}).
 */
public final class Failures {
    private Failures() {
    }

    /** The pause this failure met (an API that answered 429, the database), if any of its causes is one. */
    public static Optional<Pause> pause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof Pause p) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** True for failures worth retrying; the first cause that knows decides. */
    public static boolean isPassing(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof PermanentFailure || c instanceof MappingException) {
                return false;
            }
            if (c instanceof RemoteCallException r) {
                return r.isPassing();
            }
            if (c instanceof StoreException || c instanceof IOException) {
                return true;
            }
        }
        return true; // unknown trouble: retry within the policy rather than lose the transaction
    }

    /** The server's Retry-After in seconds, from the first remote call failure in the causes; null when none. */
    public static Integer retryAfterSeconds(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RemoteCallException r) {
                return r.retryAfterSeconds();
            }
        }
        return null;
    }

    /** One line: the message of the cause that names the call or the problem, else the exception's type. */
    public static String describe(Throwable t) {
        if (t == null) {
            return "unknown error";
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RemoteCallException || c instanceof PermanentFailure || c instanceof MappingException
                    || c instanceof Pause) {
                return c.getMessage();
            }
        }
        return t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
    }

    /**
     * What many failures may share, for telling people the likely cause: "Field Nation answered 503", "ConnectWise
     * did not answer"; else the description itself.
     */
    public static String cause(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RemoteCallException r) {
                return r.status() == 0 ? r.system() + " did not answer" : r.system() + " answered " + r.status();
            }
        }
        return describe(t);
    }
}
