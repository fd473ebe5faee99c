package com.cwfn.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The mapping the demo runs with: the one built into the jar, plus a writeBack of the technician into the ticket
 * custom field {@value #TECHNICIAN_FIELD}, which the demo defines in the ConnectWise sandbox. A temporary file,
 * deleted when the demo ends; nothing configured is read or changed.
 */
final class DemoMapping {
    static final String TECHNICIAN_FIELD = "FN Technician";
    private static final String EMPTY_WRITE_BACK = "writeBack:\n  fields: []\n";

    private DemoMapping() {
    }

    static Path write() {
        try (InputStream in = DemoMapping.class.getResourceAsStream("/mappings.yaml")) {
            if (in == null) {
                throw new IllegalStateException("no mappings.yaml inside the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (!text.contains(EMPTY_WRITE_BACK)) {
                throw new IllegalStateException("the built-in mappings.yaml has no empty writeBack section to fill");
            }
            Path file = Files.createTempFile("cw-fn-demo-mappings", ".yaml");
            file.toFile().deleteOnExit();
            Files.writeString(file, text.replace(EMPTY_WRITE_BACK, "writeBack:\n  fields:\n    - { target: \"customFields."
                    + TECHNICIAN_FIELD + "\", action: concat, sources: [provider.name, provider.phone], separator: \", \" }\n"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
