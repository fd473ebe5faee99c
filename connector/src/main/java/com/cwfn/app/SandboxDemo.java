package com.cwfn.app;

import java.util.Properties;
import org.apache.camel.main.MainListener;

/**
 * What {@code --sandbox} starts: the demo, which runs the ConnectWise and Field Nation sandboxes in this process and
 * plays a ticket's life against them. It lives in the assembly module ({@code com.cwfn.demo.SandboxMode}), because
 * the connector does not compile against the sandboxes; {@link Application} finds it with {@link
 * java.util.ServiceLoader} in the shipped jar (META-INF/services/com.cwfn.app.SandboxDemo).
 */
public interface SandboxDemo {
    /**
     * Starts the sandboxes and puts the settings that point the connector at them into {@code overrides}; the
     * listener plays the demo once the connector has started.
     */
    MainListener start(Properties overrides);
}
