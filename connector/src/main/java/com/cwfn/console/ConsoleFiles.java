package com.cwfn.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.camel.Exchange;

/**
 * The console's files, from the jar: its own pages, scripts and styles under {@code console/} on the classpath,
 * and the browser libraries it uses from their WebJars (htmx, uPlot) under {@code /console/lib/}, at the version the
 * build resolved. Only names on these two lists are served; anything else is 404. A page's
 * {@code <!--#include head-->} and {@code <!--#include header-->} are replaced by the shared {@code _head.html} and
 * {@code _header.html} (whose navigation marks the page served as the current one); names starting with {@code _}
 * are never served themselves.
 */
public class ConsoleFiles {
    /** Library file name under /console/lib/ -> WebJar artifact and the file's path inside its version folder. */
    static final Map<String, String[]> LIBRARIES = Map.of(
            "htmx.min.js", new String[] {"htmx.org", "dist/htmx.min.js"},
            "uPlot.iife.min.js", new String[] {"uplot", "dist/uPlot.iife.min.js"},
            "uPlot.min.css", new String[] {"uplot", "dist/uPlot.min.css"});
    private static final Pattern OWN = Pattern.compile("[a-z0-9][a-z0-9-]*\\.(html|js|css|svg)");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    /** A file by its name under /console/ ({@code setup.js}, {@code lib/htmx.min.js}), or empty. */
    public Optional<byte[]> file(String name) {
        return cache.computeIfAbsent(name, n -> load(n).map(b -> n.endsWith(".html") ? assemble(n, b) : b));
    }

    private byte[] assemble(String name, byte[] page) {
        String text = new String(page, StandardCharsets.UTF_8);
        if (!text.contains("<!--#include")) {
            return page;
        }
        String href = "href=\"/console/" + (name.equals("index.html") ? "" : name) + "\"";
        String header = part("_header.html").replace(href, href + " aria-current=\"page\"");
        return text.replace("<!--#include head-->", part("_head.html")).replace("<!--#include header-->", header)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A shared part of the pages, without its leading comment. */
    private static String part(String name) {
        String text = new String(read("console/" + name).orElseThrow(() -> new IllegalStateException(
                "the console's " + name + " is missing from the jar")), StandardCharsets.UTF_8);
        return text.startsWith("<!--") ? text.substring(text.indexOf("-->") + 3).stripLeading() : text;
    }

    /** Answers the file, or 404. */
    public void serve(Exchange ex, String name) {
        Optional<byte[]> f = file(name);
        if (f.isEmpty()) {
            throw ConsoleAnswer.refusedPage(404, "not found", "no such page", "<!doctype html><html lang=\"en\">"
                    + "<title>Not found</title><p>No such page: " + ConsoleAnswer.escape(name) + ". <a href=\"/console/\">"
                    + "Back to the console</a></p></html>");
        }
        ConsoleAnswer.send(ex, 200, TYPES.get(name.substring(name.lastIndexOf('.') + 1)), f.get());
    }

    private static Optional<byte[]> load(String name) {
        String resource;
        if (name.startsWith("lib/")) {
            String[] lib = LIBRARIES.get(name.substring(4));
            if (lib == null) {
                return Optional.empty();
            }
            resource = "META-INF/resources/webjars/" + lib[0] + "/" + webJarVersion(lib[0]) + "/" + lib[1];
        } else if (OWN.matcher(name).matches()) {
            resource = "console/" + name;
        } else {
            return Optional.empty();
        }
        return read(resource);
    }

    private static Optional<byte[]> read(String resource) {
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The version of a WebJar on the classpath, from its Maven properties. */
    static String webJarVersion(String artifact) {
        String props = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(props)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + artifact + " is not on the classpath (" + props + ")");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
