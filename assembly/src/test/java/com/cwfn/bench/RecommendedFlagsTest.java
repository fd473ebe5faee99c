package com.cwfn.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The JVM flags the benchmark's connector runs with are the ones docs/operations.md recommends (Memory and JVM flags),
 * where the deployment takes them from: the command line there holds exactly -Xmx256m and {@link
 * ConnectorJvm#RECOMMENDED}, no more, no less.
 */
class RecommendedFlagsTest {

    @Test
    void theDocumentedCommandLineIsTheBenchmarks() throws Exception {
        String doc = Files.readString(Path.of("docs/operations.md"));
        int section = doc.indexOf("## Memory and JVM flags");
        assertThat(section).as("the section in docs/operations.md").isPositive();
        int from = doc.indexOf("```sh\n", section) + "```sh\n".length();
        String block = doc.substring(from, doc.indexOf("```", from)).replace("\\\n", " ");
        List<String> documented = new ArrayList<>();
        for (String token : block.trim().split("\\s+")) {
            if (!token.equals("java") && !token.equals("-jar") && !token.endsWith(".jar")) {
                documented.add(token);
            }
        }
        List<String> benchmark = new ArrayList<>(List.of("-Xmx256m"));
        benchmark.addAll(ConnectorJvm.RECOMMENDED);
        assertThat(documented).containsExactlyInAnyOrderElementsOf(benchmark);
    }
}
