package com.cwfn.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The route files the jar loads when the working directory has none of its own are exactly the repository's routes/:
 * a route file left off the list would be missing from every installation that runs the jar's copies.
 */
class RouteFilesTest {
    @Test
    void everyRouteFileOfTheRepositoryIsOneTheJarLoads() throws IOException {
        List<String> files;
        try (Stream<Path> s = Files.list(Path.of("routes"))) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".camel.yaml")).toList();
        }
        assertThat(Application.ROUTE_FILES).containsExactlyInAnyOrderElementsOf(files);
        for (String name : Application.ROUTE_FILES) {
            assertThat(RouteFilesTest.class.getClassLoader().getResource("routes/" + name)).as(name + " in the jar")
                    .isNotNull();
        }
    }
}
