package com.cwfn.app;

import org.apache.camel.support.service.ServiceSupport;

/** Closes a resource when Camel stops; services stop in the reverse order they were added. */
final class Closer extends ServiceSupport {
    private final AutoCloseable resource;

    Closer(AutoCloseable resource) {
        this.resource = resource;
    }

    @Override
    protected void doStop() throws Exception {
        resource.close();
    }
}
