package com.cwfn.sandbox;

import java.util.Properties;
import org.apache.camel.main.MainListenerSupport;

/** TEMPORARY until the sandboxes land. */
public class SandboxMode extends MainListenerSupport {
    public static SandboxMode start(Properties overrides) {
        throw new UnsupportedOperationException("sandbox mode is not built yet");
    }
}
