package com.cwfn.sync;

import java.util.function.Supplier;

/** A value computed when first asked for, and only then: a remote list read at most once per batch of items. */
public final class Once<T> implements Supplier<T> {
    private Supplier<T> compute;
    private T value;

    public Once(Supplier<T> compute) {
        this.compute = compute;
    }

    @Override
    public T get() {
        if (compute != null) {
            value = compute.get();
            compute = null;
        }
        return value;
    }
}
