package com.cwfn.mapping;

import java.util.List;

/**
 * A problem with a mapping: at load time, every problem found in the file (one per line, each
 * {@code "<file> line <N>: <problem>"}); at run time, the field that could not be evaluated. Either way
 * it is permanent: retrying the same ticket with the same mapping fails the same way.
 */
public class MappingException extends RuntimeException {
    private final List<String> problems;

    public MappingException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public MappingException(String problem) {
        this(List.of(problem));
    }

    public MappingException(String problem, Throwable cause) {
        super(problem, cause);
        this.problems = List.of(problem);
    }

    /** Each problem, already formatted as {@code "<file> line <N>: <problem>"}. */
    public List<String> problems() {
        return problems;
    }
}
