package com.cwfn.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mapping the demo runs with: the one built into the jar, plus a writeBack of the technician into the ticket
 * custom field {@value #TECHNICIAN_FIELD}, which the demo defines in the ConnectWise sandbox, and a dispatch rule that
 * routes Tampa tickets to the preferred provider group {@value #POOL} first and publishes them after
 * {@value #WAIT} unassigned. A temporary file, deleted when the demo ends; nothing configured is read or changed.
 */
final class DemoMapping {
    static final String TECHNICIAN_FIELD = "FN Technician";
    static final String POOL = "Tampa Preferred";
    static final String WAIT = "5s";
    private static final String EMPTY_WRITE_BACK = "writeBack:\n  fields: []\n";
    private static final String NO_RULES = "  rules: []";
    private static final String TAMPA_FIRST = "  rules:\n"
            + "    - name: \"Tampa preferred first\"\n"
            + "      if: '$substring(address.zip, 0, 3) = \"336\"'\n"
            + "      routing:\n"
            + "        - { pool: \"" + POOL + "\", wait: " + WAIT + " }\n"
            + "        - { marketplace: true }";

    private DemoMapping() {
    }

    static Path write() {
        try (InputStream in = DemoMapping.class.getResourceAsStream("/mappings.yaml")) {
            if (in == null) {
                throw new IllegalStateException("no mappings.yaml inside the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.contains(EMPTY_WRITE_BACK) || !text.contains(NO_RULES)) {
                throw new IllegalStateException("the built-in mappings.yaml has no empty writeBack section or rules "
                        + "list to fill");
            }
            Path dir = Files.createTempDirectory("cw-fn-demo");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("mappings.yaml");
            Files.writeString(file, text.replace(EMPTY_WRITE_BACK, "writeBack:\n  fields:\n    - { target: \"customFields."
                    + TECHNICIAN_FIELD + "\", action: concat, sources: [provider.name, provider.phone], separator: \", \" }\n")
                    .replaceFirst("(?m)^" + java.util.regex.Pattern.quote(NO_RULES) + ".*$",
                            java.util.regex.Matcher.quoteReplacement(TAMPA_FIRST)));
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
