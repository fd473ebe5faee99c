package com.cwfn.conformance;

import com.cwfn.testing.Env;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails the test during which the connector sent a sandbox a request that does not conform to
 * docs/api-conformance.md, naming the request and the schema error. It reads the {@link ConformanceCheck} of every
 * {@link Env} the test class holds in a field (its own, inherited, static, or of an enclosing class), after each test
 * and after the class. Every test class gets it (src/test/resources/META-INF/services and
 * junit-platform.properties: extensions are detected); a class without an Env is left alone. An Env a test keeps in a
 * local variable fails the test when it is closed ({@link Env#close()}).
 */
public final class ConformanceExtension implements AfterEachCallback, AfterAllCallback {

    @Override
    public void afterEach(ExtensionContext context) {
        List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        check(instances.stream().map(Object::getClass).toList(), instances);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        List<Object> instances = context.getTestInstance().map(List::of).orElse(List.of());
        check(List.of(context.getRequiredTestClass()), instances);
    }

    private static void check(List<Class<?>> classes, List<Object> instances) {
        Map<Env, Boolean> envs = new IdentityHashMap<>();
        for (Class<?> c : classes) {
            for (Field f : fields(c)) {
                if (Modifier.isStatic(f.getModifiers())) {
                    add(envs, f, null);
                }
            }
        }
        for (Object instance : instances) {
            for (Field f : fields(instance.getClass())) {
                if (!Modifier.isStatic(f.getModifiers())) {
                    add(envs, f, instance);
                }
            }
        }
        List<String> problems = new ArrayList<>();
        envs.keySet().forEach(env -> problems.addAll(env.conformance().takeProblems()));
        if (!problems.isEmpty()) {
            throw new AssertionError("the connector sent requests that do not conform to docs/api-conformance.md ("
                    + problems.size() + "):\n  " + String.join("\n  ", problems));
        }
    }

    private static List<Field> fields(Class<?> c) {
        List<Field> out = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
            for (Field f : k.getDeclaredFields()) {
                if (f.getType() == Env.class) {
                    out.add(f);
                }
            }
        }
        return out;
    }

    private static void add(Map<Env, Boolean> envs, Field f, Object instance) {
        try {
            f.setAccessible(true);
            Object env = f.get(instance);
            if (env != null) {
                envs.put((Env) env, Boolean.TRUE);
            }
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException("cannot read " + f, e);
        }
    }
}
