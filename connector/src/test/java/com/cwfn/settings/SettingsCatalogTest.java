package com.cwfn.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The settings catalog is the one declaration of every key: application.properties holds its keys and defaults (its
 * comments and docs/settings.md are generated from it, SettingsTextsTest), and masking and validation come from it.
 */
class SettingsCatalogTest {
    private static final Path PROPERTIES = Path.of("application.properties");
    private static final Path README = Path.of("README.md");

    @Test
    void applicationPropertiesHoldsEveryDeclaredKeyWithItsDefault() throws IOException {
        Properties file = load();
        for (Setting s : Catalog.all()) {
            assertThat(file.getProperty(s.key())).as("%s in application.properties", s.key()).isNotNull();
            assertThat(file.getProperty(s.key()).trim()).as("default of %s", s.key()).isEqualTo(s.defaultValue());
        }
    }

    @Test
    void everyConnectorKeyInApplicationPropertiesIsDeclared() throws IOException {
        Set<String> undeclared = new TreeSet<>();
        for (String key : load().stringPropertyNames()) {
            if (!key.startsWith("camel.") && Catalog.find(key).isEmpty()) {
                undeclared.add(key);
            }
        }
        assertThat(undeclared).as("keys in application.properties the catalog does not declare").isEmpty();
    }

    @Test
    void theSecretMarkersInApplicationPropertiesAreTheCatalogsSecrets() throws IOException {
        Set<String> marked = new TreeSet<>();
        String previous = "";
        for (String line : Files.readAllLines(PROPERTIES)) {
            Matcher m = Pattern.compile("^([a-z][a-z0-9.-]*)=").matcher(line);
            if (m.find() && previous.startsWith("#") && previous.contains("(secret)")) {
                marked.add(m.group(1));
            }
            previous = line.trim();
        }
        Set<String> secrets = Catalog.all().stream().filter(Setting::secret).map(Setting::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(marked).isEqualTo(secrets);
    }

    @Test
    void theReadmeLinksTheSettingsPageWhichHoldsEveryKeyOnce() throws IOException {
        // the table moved out of the README into docs/settings.md, generated (SettingsTextsTest holds it to the catalog)
        assertThat(Files.readString(README)).contains("[docs/settings.md](docs/settings.md)");
        String page = Files.readString(Path.of("docs/settings.md"));
        for (Setting s : Catalog.all()) {
            assertThat(page.split("\\| `" + Pattern.quote(s.key()) + "` \\|", -1)).as(s.key()).hasSize(2);
        }
    }

    @Test
    void theSettingsTheReadmesConfigurationNamesExist() throws IOException {
        // the README names the few settings a new installation sets, without their texts; a renamed key fails here
        String readme = Files.readString(README);
        String configuration = readme.substring(readme.indexOf("## Configuration"), readme.indexOf("**Nobody copies"));
        Matcher m = Pattern.compile("`([a-z]+\\.[a-z0-9.*-]+)`").matcher(configuration);
        List<String> named = new java.util.ArrayList<>();
        Set<String> prefixes = Catalog.all().stream().map(s -> s.key().substring(0, s.key().indexOf('.')))
                .collect(Collectors.toSet());
        while (m.find()) {
            if (prefixes.contains(m.group(1).substring(0, m.group(1).indexOf('.')))) {
                named.add(m.group(1));
            }
        }
        assertThat(named).hasSizeGreaterThan(10).allSatisfy(k -> assertThat(Catalog.all()).as(k).anyMatch(
                s -> k.endsWith(".*") ? s.key().startsWith(k.substring(0, k.length() - 1)) : s.key().equals(k)));
        assertThat(named).contains(Catalog.all().stream().filter(Setting::required).map(Setting::key).toArray(String[]::new));
    }

    @Test
    void theGroupsHoldEverySettingInDeclarationOrder() {
        assertThat(Catalog.groups().stream().flatMap(g -> g.settings().stream()).toList()).isEqualTo(Catalog.all());
        assertThat(Catalog.groups().get(0).title()).isEqualTo("HTTP");
        assertThat(Catalog.groups().get(0).settings()).containsExactly(Catalog.SERVER_PORT, Catalog.MANAGEMENT_PORT);
        assertThat(Catalog.groups().stream().map(Catalog.Group::title)).doesNotHaveDuplicates()
                .contains("ConnectWise", "Field Nation", "Camel", "Inbox and retries");
    }

    @Test
    void everyKeyIsDeclaredOnce() {
        List<String> keys = Catalog.all().stream().map(Setting::key).toList();
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(keys).hasSizeGreaterThan(40);
    }

    @Test
    void maskingHidesEveryConfiguredSecretAndNothingElse() {
        Map<String, String> values = new HashMap<>();
        StringBuilder text = new StringBuilder();
        for (Setting s : Catalog.all()) {
            if (s.secret()) {
                values.put(s.key(), "secret-of-" + s.key());
                text.append(" secret-of-").append(s.key());
            }
        }
        values.put("connectwise.public-key", "public-one");
        Settings settings = new Settings(values::get);
        String masked = settings.mask(text + " public-one");
        assertThat(masked).doesNotContain("secret-of-").contains("public-one");
        assertThat(masked.split("\\*\\*\\*", -1)).hasSize((int) Catalog.all().stream().filter(Setting::secret).count() + 1);
    }

    @Test
    void validationNamesEveryBadValueInOneAnswerAndNeverPrintsASecret() {
        Map<String, String> values = new HashMap<>();
        values.put("connector.workers", "many");
        values.put("connectwise.verify-signature", "yes");
        values.put("sync.notes.flag", "loud");
        values.put("camel.server.port", "70000");
        values.put("connectwise.url", "ftp://cw");
        Settings settings = new Settings(values::get);
        assertThatThrownBy(settings::validate).isInstanceOf(SettingsException.class)
                .hasMessageContaining("connector.workers must be a whole number, not 'many'")
                .hasMessageContaining("connectwise.verify-signature must be true or false, not 'yes'")
                .hasMessageContaining("sync.notes.flag must be internal or external, not 'loud'")
                .hasMessageContaining("camel.server.port must be from 0 to 65535, not '70000'")
                .hasMessageContaining("connectwise.url must be an http or https URL, not 'ftp://cw'")
                .hasMessageContaining("connectwise.callback-token is required");
        values.clear();
        values.put("connectwise.callback-token", "tok");
        new Settings(values::get).validate();
    }

    @Test
    void anUnsetOrEmptyKeyHasItsDefault() {
        Map<String, String> values = new HashMap<>();
        values.put("connector.workers", " ");
        Settings settings = new Settings(values::get);
        assertThat(settings.integer(Catalog.WORKERS)).isEqualTo(16);
        assertThat(settings.text(Catalog.SYNC_TRIGGER_STATUS)).isEqualTo("Dispatch to FN");
        assertThat(settings.list(Catalog.SYNC_BOARDS)).isEmpty();
        values.put("sync.boards", " A, ,B ");
        assertThat(settings.list(Catalog.SYNC_BOARDS)).containsExactly("A", "B");
    }

    @Test
    void providerNotesAreAllNoneOrAListOfTheKnownEvents() {
        Map<String, String> values = new HashMap<>();
        Settings settings = new Settings(values::get);
        assertThat(settings.providerNotes()).hasSize(10).contains("declined", "delayed", "problem_reported");
        values.put("sync.provider-notes", "none");
        assertThat(settings.providerNotes()).isEmpty();
        values.put("sync.provider-notes", " Delayed, at_risk ");
        assertThat(settings.providerNotes()).containsExactlyInAnyOrder("delayed", "at_risk");
        values.put("connectwise.callback-token", "tok");
        settings.validate();
        values.put("sync.provider-notes", "delayed, lunch_break");
        values.put("sync.cancel.when-assigned", "later");
        assertThatThrownBy(settings::validate).isInstanceOf(SettingsException.class)
                .hasMessageContaining("sync.provider-notes must be all, none or a comma-separated list of "
                        + "assigned_cancelled, on_my_way")
                .hasMessageContaining("sync.cancel.when-assigned must be cancel or hold, not 'later'");
    }

    @Test
    void environmentVariablesFollowCamelsRule() {
        assertThat(Catalog.CONNECTWISE_PRIVATE_KEY.environmentVariable()).isEqualTo("CONNECTWISE_PRIVATE_KEY");
        assertThat(Catalog.RETRY_FIRST_DELAY_MS.environmentVariable()).isEqualTo("CONNECTOR_RETRY_FIRST_DELAY_MS");
        Properties file = new Properties();
        file.setProperty("db.url", "jdbc:h2:mem:x");
        file.setProperty("admin.username", "admin");
        Properties merged = PropertySources.withEnvironment(file, Map.of("DB_URL", "jdbc:postgresql://db/x"));
        assertThat(merged.getProperty("db.url")).isEqualTo("jdbc:postgresql://db/x");
        assertThat(merged.getProperty("admin.username")).isEqualTo("admin");
    }

    private static Properties load() throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(PROPERTIES)));
        return p;
    }
}
