package com.cwfn.app;

import com.cwfn.mapping.Mappings;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code connector.reload=true}: picks up edits of {@code routes/*.camel.yaml} and {@code mappings.yaml} without a
 * restart. An edit that does not load (YAML, Camel's YAML DSL schema, a missing bean, a mapping problem) is refused
 * with a message naming the problem, and the version that ran before keeps running: a route file is put back from its last good text.
 */
public class Reloader {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);
    private final CamelContext context;
    private final Path routesDir;
    private final Mappings mappings;
    private final Map<Path, Long> seen = new HashMap<>();
    private final Map<Path, String> lastGood = new HashMap<>();
    private final AtomicLong applied = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public Reloader(CamelContext context, Path home, Mappings mappings) {
        this.context = context;
        this.routesDir = home.resolve("routes");
        this.mappings = mappings;
        for (Path p : routeFiles()) {
            seen.put(p, modified(p));
            lastGood.put(p, read(p));
        }
    }

    /** One look at the files; called every second by the reload route. */
    public synchronized void check() {
        for (Path p : routeFiles()) {
            long m = modified(p);
            Long before = seen.put(p, m);
            if (before == null || before != m) {
                reloadRoutes(p);
            }
        }
        try {
            if (mappings.reloadIfChanged()) {
                applied.incrementAndGet();
                LOG.info("mappings.yaml reloaded");
            }
        } catch (RuntimeException e) {
            refused.incrementAndGet();
            LOG.error("mappings.yaml edit refused; the previous mapping keeps running:\n{}", e.getMessage());
        }
    }

    /** Edits (of route files and mappings.yaml) that took effect since start. */
    public long applied() {
        return applied.get();
    }

    /** Edits refused since start (the version before kept running). */
    public long refused() {
        return refused.get();
    }

    private void reloadRoutes(Path p) {
        String text = read(p);
        if (text == null || text.equals(lastGood.get(p))) {
            return;
        }
        RoutesLoader loader = PluginHelper.getRoutesLoader(context);
        try {
            RouteSchema.check("routes/" + p.getFileName(), text);
            Set<String> ids = loader.updateRoutes(ResourceHelper.fromString("file:" + p, text));
            lastGood.put(p, text);
            applied.incrementAndGet();
            LOG.info("{} reloaded: routes {}", p.getFileName(), ids);
        } catch (Exception e) {
            LOG.error("{} edit refused, the previous version keeps running: {}", p.getFileName(), rootMessage(e));
            String good = lastGood.getOrDefault(p, builtIn(p.getFileName().toString()));
            if (good != null) {
                try {
                    loader.updateRoutes(ResourceHelper.fromString("file:" + p, good));
                } catch (Exception again) {
                    LOG.error("could not restore the previous version of {}: {}", p.getFileName(), rootMessage(again));
                }
            }
            refused.incrementAndGet(); // counted once the previous version runs again
        }
    }

    private Iterable<Path> routeFiles() {
        if (!Files.isDirectory(routesDir)) {
            return java.util.List.of();
        }
        try (Stream<Path> s = Files.list(routesDir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".camel.yaml")).sorted().toList();
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    /** The jar's copy of a built-in route file, which ran before the file was put beside the jar. */
    private static String builtIn(String name) {
        if (!Application.ROUTE_FILES.contains(name)) {
            return null;
        }
        try (InputStream in = Reloader.class.getResourceAsStream("/routes/" + name)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return null;
        }
    }

    private static long modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis() ^ Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return null;
        }
    }

    private static String rootMessage(Throwable t) {
        String m = RouteProblem.describe(t);
        return m.length() > 600 ? m.substring(0, 600) + "..." : m;
    }
}
