package com.cwfn.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.cwfn.json.Json;
import com.cwfn.mapping.MappingLoader;
import com.cwfn.settings.Catalog;
import com.cwfn.settings.Setting;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The deployment files checked against the published schemas they are written for: deploy/compose.yaml against the
 * Compose Specification's JSON schema, the Kubernetes manifests against the definitions of the Kubernetes API's
 * OpenAPI (src/test/resources/deploy/README.md says where both come from). The Kubernetes check is strict, as
 * kubeconform's -strict is: a field the API does not define is an error (the API server would drop it silently).
 * Besides the schemas, what the deployment relies on: probes on the management port, a grace period longer than the
 * shutdown, the selectors, the env files naming real settings, the secrets kept out of git.
 */
class DeploymentFilesTest {
    static final Path DEPLOY = Path.of("deploy");
    static final Path KUBERNETES = DEPLOY.resolve("kubernetes");
    static final Path COMPOSE = DEPLOY.resolve("compose.yaml");
    static final String MANAGEMENT_PORT = Catalog.MANAGEMENT_PORT.defaultValue();

    // ------------------------------------------------------------------ Kubernetes

    /** The Kubernetes definitions with the strictness and the int-or-string of the API's OpenAPI v3. */
    static final JsonNode DEFINITIONS = strict(resource("deploy/kubernetes-1.36-definitions.json"));
    static final SchemaRegistry DRAFT4 = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    static final Map<String, Schema> BY_KIND = new HashMap<>();
    static final Map<String, Schema> PARTIAL_BY_KIND = new HashMap<>();

    static JsonNode resource(String name) {
        try (InputStream in = DeploymentFilesTest.class.getClassLoader().getResourceAsStream(name)) {
            return Json.parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every object schema that lists its properties admits no others (the API server drops unknown fields; here
     * they are errors), and IntOrString takes an integer or a string, as the v3 OpenAPI's
     * x-kubernetes-int-or-string says (swagger.json writes it as a string with format int-or-string).
     */
    static JsonNode strict(JsonNode defs) {
        ObjectNode copy = defs.deepCopy();
        walk(copy, n -> {
            if (n.has("properties") && !n.has("additionalProperties")) {
                n.put("additionalProperties", false);
            }
            if ("int-or-string".equals(n.path("format").asText())) {
                n.remove("format");
                n.set("type", Json.MAPPER.createArrayNode().add("integer").add("string"));
            }
        });
        return copy;
    }

    static void walk(JsonNode n, java.util.function.Consumer<ObjectNode> each) {
        if (n instanceof ObjectNode o) {
            each.accept(o);
            o.elements().forEachRemaining(c -> walk(c, each));
        } else if (n instanceof ArrayNode a) {
            a.elements().forEachRemaining(c -> walk(c, each));
        }
    }

    /** The definition of a group/version/kind (from its x-kubernetes-group-version-kind). */
    static String definitionOf(String apiVersion, String kind) {
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        Iterator<Map.Entry<String, JsonNode>> it = DEFINITIONS.path("definitions").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> d = it.next();
            for (JsonNode gvk : d.getValue().path("x-kubernetes-group-version-kind")) {
                if (gvk.path("group").asText().equals(group) && gvk.path("version").asText().equals(version)
                        && gvk.path("kind").asText().equals(kind)) {
                    return d.getKey();
                }
            }
        }
        throw new AssertionError("no definition of " + apiVersion + " " + kind + " in the test data");
    }

    /** The schema of a kind; {@code partial}: without required fields, for a patch. */
    static Schema schemaOf(String apiVersion, String kind, boolean partial) {
        return (partial ? PARTIAL_BY_KIND : BY_KIND).computeIfAbsent(apiVersion + " " + kind, k -> {
            ObjectNode schema = Json.object();
            schema.put("$ref", "#/definitions/" + definitionOf(apiVersion, kind));
            JsonNode defs = DEFINITIONS.path("definitions").deepCopy();
            if (partial) {
                walk(defs, n -> n.remove("required"));
            }
            schema.set("definitions", defs);
            return DRAFT4.getSchema(schema.toString(), InputFormat.JSON);
        });
    }

    static List<String> kubernetesErrors(JsonNode doc, boolean partial) {
        String apiVersion = doc.path("apiVersion").asText();
        String kind = doc.path("kind").asText();
        return schemaOf(apiVersion, kind, partial).validate(doc.toString(), InputFormat.JSON).stream()
                .map(e -> kind + " " + doc.path("metadata").path("name").asText() + " " + e.getInstanceLocation()
                        + ": " + e.getMessage())
                .toList();
    }

    static List<JsonNode> yamlDocuments(String text) {
        List<JsonNode> out = new ArrayList<>();
        for (Object o : new Load(LoadSettings.builder().build()).loadAllFromString(text)) {
            if (o != null) {
                out.add(Json.MAPPER.valueToTree(o));
            }
        }
        return out;
    }

    static List<JsonNode> yamlFile(Path p) {
        try {
            return yamlDocuments(Files.readString(p));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The files a kustomization lists as resources (not directories) and as patches. */
    static List<Path> listed(Path dir, String field) {
        JsonNode k = yamlFile(dir.resolve("kustomization.yaml")).get(0);
        List<Path> out = new ArrayList<>();
        for (JsonNode r : k.path(field)) {
            Path p = dir.resolve(r.isTextual() ? r.asText() : r.path("path").asText());
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        return out;
    }

    static List<Path> kustomizations() throws IOException {
        try (Stream<Path> s = Files.walk(KUBERNETES)) {
            return s.filter(p -> p.getFileName().toString().equals("kustomization.yaml")).map(Path::getParent)
                    .sorted().toList();
        }
    }

    @Test
    void everyManifestAndPatchIsValidForTheKubernetesApi() throws IOException {
        List<String> errors = new ArrayList<>();
        int checked = 0;
        for (Path dir : kustomizations()) {
            for (Path file : listed(dir, "resources")) {
                for (JsonNode doc : yamlFile(file)) {
                    errors.addAll(kubernetesErrors(doc, false));
                    checked++;
                }
            }
            for (Path file : listed(dir, "patches")) {
                for (JsonNode doc : yamlFile(file)) {
                    errors.addAll(kubernetesErrors(doc, true));
                    checked++;
                }
            }
        }
        assertThat(errors).isEmpty();
        assertThat(checked).as("Deployment, Service, PodDisruptionBudget, the cell's Namespace and patch")
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void theCheckRefusesWhatTheApiWouldNot() {
        JsonNode good = yamlFile(KUBERNETES.resolve("base/deployment.yaml")).get(0);
        assertThat(kubernetesErrors(good, false)).isEmpty();
        ObjectNode typo = good.deepCopy();
        ((ObjectNode) typo.path("spec")).put("replica", 2);
        assertThat(kubernetesErrors(typo, false)).anyMatch(e -> e.contains("replica"));
        ObjectNode wrongType = good.deepCopy();
        ((ObjectNode) wrongType.path("spec")).put("replicas", "two");
        assertThat(kubernetesErrors(wrongType, false)).isNotEmpty();
        ObjectNode noImage = good.deepCopy();
        ((ObjectNode) noImage.at("/spec/template/spec/containers/0")).remove("name");
        assertThat(kubernetesErrors(noImage, false)).as("a container needs a name").isNotEmpty();
        ObjectNode probe = good.deepCopy();
        ((ObjectNode) probe.at("/spec/template/spec/containers/0/readinessProbe/httpGet")).put("port", 9876);
        assertThat(kubernetesErrors(probe, false)).as("a port may be a number or a name").isEmpty();
        ((ObjectNode) probe.at("/spec/template/spec/containers/0/readinessProbe/httpGet")).put("port", true);
        assertThat(kubernetesErrors(probe, false)).isNotEmpty();
    }

    @Test
    void theDeploymentRunsTwoReplicasProbedOnTheManagementPortAndOutlivesTheShutdown() throws IOException {
        JsonNode d = yamlFile(KUBERNETES.resolve("base/deployment.yaml")).get(0);
        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(2);
        JsonNode c = d.at("/spec/template/spec/containers/0");
        String management = null;
        for (JsonNode p : c.path("ports")) {
            if (p.path("containerPort").asText().equals(MANAGEMENT_PORT)) {
                management = p.path("name").asText();
            }
        }
        assertThat(management).as("a named port for camel.management.port").isNotNull();
        for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
            assertThat(c.path(probe).at("/httpGet/port").asText()).as(probe).isEqualTo(management);
        }
        assertThat(c.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/observe/health/ready");
        assertThat(c.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/observe/health/live");
        for (String r : List.of("requests", "limits")) {
            assertThat(c.at("/resources/" + r + "/memory").asText()).as(r).isNotEmpty();
        }
        assertThat(c.at("/resources/requests/cpu").asText()).isNotEmpty();
        Properties app = new Properties();
        try (var in = Files.newBufferedReader(Path.of("application.properties"))) {
            app.load(in);
        }
        int shutdown = Integer.parseInt(app.getProperty("camel.main.shutdown-timeout").trim());
        int preStop = c.at("/lifecycle/preStop/sleep/seconds").asInt(0);
        assertThat(d.at("/spec/template/spec/terminationGracePeriodSeconds").asInt())
                .as("longer than preStop plus camel.main.shutdown-timeout").isGreaterThan(preStop + shutdown);
        assertThat(d.at("/spec/strategy/rollingUpdate/maxUnavailable").asInt()).isZero();
        // the Service and the PodDisruptionBudget select the Deployment's pods
        JsonNode podLabels = d.at("/spec/template/metadata/labels");
        JsonNode service = yamlFile(KUBERNETES.resolve("base/service.yaml")).get(0);
        JsonNode pdb = yamlFile(KUBERNETES.resolve("base/poddisruptionbudget.yaml")).get(0);
        for (JsonNode selector : List.of(service.path("spec").path("selector"), pdb.at("/spec/selector/matchLabels"),
                d.at("/spec/selector/matchLabels"))) {
            selector.fields().forEachRemaining(e -> assertThat(podLabels.path(e.getKey()).asText())
                    .as("selector %s", e.getKey()).isEqualTo(e.getValue().asText()));
        }
        assertThat(pdb.at("/spec/minAvailable").asInt()).isBetween(1, 1);
    }

    @Test
    void theConfigMapsMappingLoadsAndEveryEnvFileNamesRealSettings() throws IOException {
        // the base's ConfigMap starts from the shipped mapping (kustomize reads no file outside its directory)
        assertThat(Files.readString(KUBERNETES.resolve("base/mappings.yaml")))
                .as("deploy/kubernetes/base/mappings.yaml is a copy of mappings.yaml: copy it again")
                .isEqualTo(Files.readString(Path.of("mappings.yaml")));
        assertThat(MappingLoader.load(KUBERNETES.resolve("base/mappings.yaml"))).isNotNull();
        Set<String> variables = Catalog.all().stream().map(Setting::environmentVariable).collect(Collectors.toSet());
        List<Path> envFiles = List.of(DEPLOY.resolve(".env.example"),
                KUBERNETES.resolve("overlays/cell-example/secrets.env.example"));
        for (Path f : envFiles) {
            Set<String> unknown = new TreeSet<>();
            for (String line : Files.readAllLines(f)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String name = line.substring(0, line.indexOf('='));
                    if (!variables.contains(name)) {
                        unknown.add(name);
                    }
                }
            }
            assertThat(unknown).as("variables in %s that are no setting", f).isEmpty();
        }
        // the settings literals of the kustomizations too
        for (Path dir : kustomizations()) {
            for (JsonNode gen : yamlFile(dir.resolve("kustomization.yaml")).get(0).path("configMapGenerator")) {
                for (JsonNode literal : gen.path("literals")) {
                    String name = literal.asText().substring(0, literal.asText().indexOf('='));
                    assertThat(variables).as("%s in %s", name, dir).contains(name);
                }
            }
        }
        // the real env files are never committed
        String ignore = Files.readString(Path.of(".gitignore"));
        assertThat(ignore).contains("deploy/.env\n").contains("deploy/kubernetes/**/secrets.env\n");
    }

    /**
     * kustomize itself renders the base and the cell, and every object it makes is valid. kubectl (which has kustomize
     * built in) is on these machines; where it is not, this test says so and checks nothing more.
     */
    @Test
    void kustomizeRendersValidObjects(@TempDir Path tmp) throws Exception {
        if (!onPath("kubectl")) {
            System.out.println("DeploymentFilesTest: kubectl not found; the rendered kustomizations were not checked");
            org.junit.jupiter.api.Assumptions.abort("kubectl not on the PATH");
        }
        copy(KUBERNETES, tmp);
        Path cell = tmp.resolve("overlays/cell-example");
        Files.copy(cell.resolve("secrets.env.example"), cell.resolve("secrets.env"));
        for (Path dir : List.of(tmp.resolve("base"), cell)) {
            Process p = new ProcessBuilder("kubectl", "kustomize", dir.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            List<JsonNode> docs = yamlDocuments(out);
            List<String> errors = new ArrayList<>();
            docs.forEach(doc -> errors.addAll(kubernetesErrors(doc, false)));
            assertThat(errors).as(dir.toString()).isEmpty();
            List<String> kinds = docs.stream().map(doc -> doc.path("kind").asText()).toList();
            assertThat(kinds).contains("Deployment", "Service", "PodDisruptionBudget", "ConfigMap");
            if (dir.equals(cell)) {
                assertThat(kinds).contains("Namespace", "Secret");
                assertThat(docs).filteredOn(doc -> !doc.path("kind").asText().equals("Namespace"))
                        .allMatch(doc -> doc.at("/metadata/namespace").asText().equals("cwfn-acme"));
                JsonNode deployment = docs.stream().filter(doc -> doc.path("kind").asText().equals("Deployment"))
                        .findFirst().orElseThrow();
                assertThat(deployment.at("/spec/template/spec/containers/0/image").asText())
                        .isEqualTo("registry.example.com/msp/cw-fn-connector:1.0.0");
                assertThat(deployment.toString()).contains("cw-fn-connector-secrets-");
            }
        }
    }

    static boolean onPath(String command) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d, command)));
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    // ------------------------------------------------------------------ Compose

    /** The Compose Specification's schema (draft-07; its $schema is known to the validator, nothing is fetched). */
    static final Schema COMPOSE_SPEC = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7)
            .getSchema(SchemaLocation.of("classpath:deploy/compose-spec.json"));

    static List<String> composeErrors(JsonNode doc) {
        return COMPOSE_SPEC.validate(doc.toString(), InputFormat.JSON).stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    @Test
    void theComposeFileFollowsTheComposeSpecification() {
        JsonNode compose = yamlFile(COMPOSE).get(0);
        assertThat(composeErrors(compose)).isEmpty();
        JsonNode connector = compose.at("/services/connector");
        assertThat(connector.at("/depends_on/db/condition").asText()).isEqualTo("service_healthy");
        assertThat(compose.at("/services/db/healthcheck/test").isMissingNode()).isFalse();
        assertThat(connector.path("healthcheck").isObject()).as("the image's check, with timings").isTrue();
        assertThat(connector.path("env_file").toString()).contains(".env");
        assertThat(connector.at("/build/dockerfile").asText()).isEqualTo("Containerfile");
        assertThat(compose.path("volumes").has("pgdata")).isTrue();
        assertThat(connector.at("/environment/DB_URL").asText()).startsWith("jdbc:postgresql://db:");
        // longer than the connector's own shutdown, so that SIGKILL never cuts it short
        assertThat(connector.path("stop_grace_period").asText()).isEqualTo("45s");
    }

    @Test
    void theComposeCheckRefusesAMisspelledKey() {
        ObjectNode compose = (ObjectNode) yamlFile(COMPOSE).get(0);
        ObjectNode connector = (ObjectNode) compose.at("/services/connector");
        connector.set("depend_on", connector.remove("depends_on"));
        assertThat(composeErrors(compose)).anyMatch(e -> e.contains("depend_on"));
        ObjectNode badCondition = (ObjectNode) yamlFile(COMPOSE).get(0);
        ((ObjectNode) badCondition.at("/services/connector/depends_on/db")).put("condition", "healthy");
        assertThat(composeErrors(badCondition)).isNotEmpty();
    }
}
