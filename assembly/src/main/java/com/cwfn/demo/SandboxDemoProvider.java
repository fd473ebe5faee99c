package com.cwfn.demo;

import com.cwfn.app.SandboxDemo;
import java.util.Properties;
import org.apache.camel.main.MainListener;

/**
 * The {@code --sandbox} demo as the connector's Application finds it: by {@link java.util.ServiceLoader}
 * (META-INF/services/com.cwfn.app.SandboxDemo), since the connector module cannot compile against the sandboxes.
 */
public final class SandboxDemoProvider implements SandboxDemo {
    @Override
    public MainListener start(Properties overrides) {
        return SandboxMode.start(overrides);
    }
}
