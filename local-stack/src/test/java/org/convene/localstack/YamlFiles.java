package org.convene.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/** Reading the repository's YAML files (compose, Prometheus, its rules and their tests) as plain maps and lists. */
final class YamlFiles {

    private YamlFiles() {}

    static Map<String, Object> load(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object document = new Yaml().load(reader);
            assertThat(document).as("content of %s", file).isInstanceOf(Map.class);
            return map(document);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of();
    }

    /** A list of strings; a single string (compose allows one where a list may stand) as a list of one. */
    static List<String> strings(Object value) {
        if (value instanceof String string) {
            return List.of(string);
        }
        return list(value).stream().map(String::valueOf).toList();
    }
}
