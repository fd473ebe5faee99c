package com.cwfn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --sandbox} runs the demo, which only the shipped jar has (assembly/; FatJarIT runs it there). Started from
 * the connector module's own class path, which has the sandboxes (a test dependency) but not the demo, it stops with
 * one line that says where the demo is, and exits 1.
 */
class SandboxDemoMissingTest {

    @Test
    void withoutTheDemoTheSandboxSwitchSaysWhereItIs(@TempDir Path home) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), Application.class.getName(), "--sandbox")
                .directory(home.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits").isTrue();
        assertThat(p.exitValue()).as("exit code; output:%n%s", out).isEqualTo(1);
        assertThat(out).contains("The connector cannot start: --sandbox needs the demo and the sandboxes, which the "
                + "shipped jar brings (the assembly module)");
    }
}
