package com.baedal.charts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The chart under test: renders it with embedded Helm and splits the output into manifests. */
final class Chart {

    static final Path DIR = Paths.get("baedal").toAbsolutePath();
    static final Path DEFAULT_VALUES = DIR.resolve("ci/default-values.yaml");
    static final Path EKS_VALUES = DIR.resolve("ci/eks-values.yaml");
    static final String RELEASE = "baedal";
    static final String NAMESPACE = "shop";
    static final List<String> COMPONENTS = List.of("engine", "workers", "read-model", "gateway");
    static final YAMLMapper YAML = new YAMLMapper();

    private Chart() {
    }

    /** helm template with the given values files and --set pairs (key, value, key, value...). */
    static Manifests render(List<Path> valuesFiles, String... sets) {
        TemplateCommand template = new Helm(DIR).template().withName(RELEASE).withNamespace(NAMESPACE);
        for (Path values : valuesFiles) {
            template = template.withValuesFile(values);
        }
        for (int i = 0; i < sets.length; i += 2) {
            template = template.set(sets[i], sets[i + 1]);
        }
        return new Manifests(parse(template.call()));
    }

    static Manifests render(Path valuesFile, String... sets) {
        return render(List.of(valuesFile), sets);
    }

    /** The error message Helm answers with, failing the test when the chart renders. */
    static String renderError(List<Path> valuesFiles, String... sets) {
        try {
            render(valuesFiles, sets);
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
        throw new AssertionError("the chart rendered although it should have refused " + List.of(sets));
    }

    static List<JsonNode> parse(String multiDocumentYaml) {
        List<JsonNode> documents = new ArrayList<>();
        try (var iterator = YAML.readerFor(JsonNode.class).<JsonNode>readValues(multiDocumentYaml)) {
            while (iterator.hasNext()) {
                JsonNode document = iterator.next();
                if (document != null && document.isObject() && !document.isEmpty()) {
                    documents.add(document);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("helm template output is not YAML", e);
        }
        return documents;
    }

    /** A copy of the chart whose values.yaml is values.yaml overlaid with the given file (helm lint -f). */
    static Path copyWithValues(Path overlay, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(DIR)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(DIR.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination);
                }
            }
        }
        JsonNode merged = merge(YAML.readTree(DIR.resolve("values.yaml").toFile()), YAML.readTree(overlay.toFile()));
        YAML.writeValue(target.resolve("values.yaml").toFile(), merged);
        return target;
    }

    private static JsonNode merge(JsonNode base, JsonNode overlay) {
        if (!(base instanceof ObjectNode baseObject) || !overlay.isObject()) {
            return overlay;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = baseObject.get(field.getKey());
            baseObject.set(field.getKey(), existing == null ? field.getValue() : merge(existing, field.getValue()));
        }
        return baseObject;
    }

    static String fullName(String component) {
        return RELEASE + "-" + component;
    }

    /** Rendered manifests with lookups by kind and name. */
    record Manifests(List<JsonNode> all) {

        List<JsonNode> ofKind(String kind) {
            return all.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
        }

        JsonNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name + " rendered"));
        }

        java.util.Optional<JsonNode> find(String kind, String name) {
            return ofKind(kind).stream().filter(m -> name.equals(m.path("metadata").path("name").asText())).findFirst();
        }
    }
}
