package com.cwfn.observe;

import com.cwfn.settings.Settings;
import java.util.List;
import java.util.Map;
import org.apache.camel.impl.console.PropertiesDevConsole;
import org.apache.camel.util.SensitiveUtils;
import org.apache.camel.util.json.JsonObject;

/**
 * Camel's "properties" developer console with every configured secret masked. Camel's own masks some keys in its
 * text form only, and its JSON form (what {@code camel get properties} and the CLI status file show) masks none; this
 * one takes its place (same id) and masks the connector's secrets by value in both, and Camel's sensitive keys.
 */
public class MaskedPropertiesDevConsole extends PropertiesDevConsole {
    private static final String MASK = "xxxxxx";
    private final Settings settings;

    public MaskedPropertiesDevConsole(Settings settings) {
        this.settings = settings;
    }

    @Override
    protected String doCallText(Map<String, Object> options) {
        return settings.mask(super.doCallText(options));
    }

    @Override
    protected JsonObject doCallJson(Map<String, Object> options) {
        JsonObject root = super.doCallJson(options);
        if (root.get("properties") instanceof List<?> properties) {
            for (Object o : properties) {
                JsonObject p = (JsonObject) o;
                boolean sensitive = SensitiveUtils.containsSensitive(String.valueOf(p.get("key")));
                for (String field : List.of("value", "originalValue", "defaultValue")) {
                    if (p.get(field) instanceof String v && !v.isEmpty()) {
                        p.put(field, sensitive ? MASK : settings.mask(v));
                    }
                }
            }
        }
        return root;
    }
}
