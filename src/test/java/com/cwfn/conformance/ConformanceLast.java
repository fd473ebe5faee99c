package com.cwfn.conformance;

import java.util.Comparator;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Runs {@link ApiConformanceTest} after every other test class (junit-platform.properties), so it sees the
 * requests the whole suite made; the other classes keep the order they were found in.
 */
public class ConformanceLast implements ClassOrderer {
    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparingInt(d -> d.getTestClass() == ApiConformanceTest.class
                ? 1 : 0));
    }
}
