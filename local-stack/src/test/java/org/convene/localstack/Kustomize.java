package org.convene.localstack;

import static org.convene.localstack.YamlFiles.list;
import static org.convene.localstack.YamlFiles.map;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * A Kustomize renderer for exactly the subset deploy/kubernetes uses (issue 20), so that the build checks the
 * objects an overlay really applies without kubectl: resources (files and directories), components, namespace,
 * labels, images, configMapGenerator, and patches (strategic merge from a file, or inline JSON 6902) with target
 * selectors. Any other field, option or patch operation is refused with an exception naming it: a kustomization
 * that uses more than this must not be rendered wrongly and checked anyway.
 *
 * <p>Differences from kustomize, on purpose: generated ConfigMaps keep their plain name (kustomize appends a hash of
 * the content and rewrites the references; the schemas do not care), and objects come out in the order they were
 * read rather than sorted by kind.
 */
final class Kustomize {

    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of(
            "apiVersion",
            "kind",
            "resources",
            "components",
            "namespace",
            "labels",
            "images",
            "configMapGenerator",
            "patches");
    private static final Set<String> LABEL_FIELDS = Set.of("pairs", "includeSelectors", "includeTemplates");
    private static final Set<String> IMAGE_FIELDS = Set.of("name", "newTag", "digest");
    private static final Set<String> GENERATOR_FIELDS = Set.of("name", "behavior", "literals", "files", "options");
    private static final Set<String> GENERATOR_OPTIONS = Set.of("labels", "disableNameSuffixHash");
    private static final Set<String> PATCH_FIELDS = Set.of("path", "patch", "target");
    private static final Set<String> TARGET_FIELDS = Set.of("kind", "name", "labelSelector");
    private static final Set<String> JSON_PATCH_FIELDS = Set.of("op", "path", "value");

    /** Kinds whose pod template is labelled too (includeTemplates). */
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job");

    /** Kinds without a namespace, which the namespace field leaves alone. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace",
            "ClusterRole",
            "ClusterRoleBinding",
            "CustomResourceDefinition",
            "PersistentVolume",
            "StorageClass",
            "PriorityClass");

    /** The merge keys of the built-in types' lists that strategic merge merges item by item; other lists replace. */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "containers", "name",
            "initContainers", "name",
            "env", "name",
            "volumes", "name",
            "ports", "name");

    private Kustomize() {}

    /** The objects `kubectl kustomize directory` would print (see the class comment for the differences). */
    static List<Map<String, Object>> build(Path directory) {
        List<Map<String, Object>> objects = new ArrayList<>();
        accumulate(directory, objects, "Kustomization");
        return objects;
    }

    /** Adds what the kustomization (or component) in the directory makes to objects, then transforms them all. */
    private static void accumulate(Path directory, List<Map<String, Object>> objects, String kind) {
        Path file = directory.resolve("kustomization.yaml");
        Map<String, Object> kustomization = load(file).getFirst();
        for (String field : kustomization.keySet()) {
            if (!KUSTOMIZATION_FIELDS.contains(field)) {
                throw unsupported(file, field);
            }
        }
        if (!kind.equals(kustomization.getOrDefault("kind", "Kustomization"))) {
            throw new IllegalArgumentException(file + " is a " + kustomization.get("kind") + ", not a " + kind);
        }
        for (String resource : strings(kustomization.get("resources"))) {
            Path path = directory.resolve(resource).normalize();
            if (resource.contains("://") || !Files.exists(path)) {
                throw new IllegalArgumentException(file + ": resource " + resource + " is not a file or directory");
            }
            if (Files.isDirectory(path)) {
                // A directory is a kustomization built on its own, then added as it came out.
                List<Map<String, Object>> built = new ArrayList<>();
                accumulate(path, built, "Kustomization");
                built.forEach(object -> add(file, objects, object));
            } else {
                load(path).forEach(object -> add(file, objects, object));
            }
        }
        // A component works on everything its parent has accumulated so far (kustomize's order: resources,
        // components, then the parent's generators and transformers).
        for (String component : strings(kustomization.get("components"))) {
            accumulate(directory.resolve(component).normalize(), objects, "Component");
        }
        for (Object generator : list(kustomization.get("configMapGenerator"))) {
            generateConfigMap(file, directory, map(generator), objects);
        }
        for (Object patch : list(kustomization.get("patches"))) {
            patch(file, directory, map(patch), objects);
        }
        if (kustomization.get("namespace") instanceof String namespace) {
            for (Map<String, Object> object : objects) {
                if (!CLUSTER_SCOPED.contains(String.valueOf(object.get("kind")))) {
                    metadata(object).put("namespace", namespace);
                }
            }
        }
        for (Object labels : list(kustomization.get("labels"))) {
            label(file, map(labels), objects);
        }
        for (Object image : list(kustomization.get("images"))) {
            image(file, map(image), objects);
        }
    }

    private static void add(Path file, List<Map<String, Object>> objects, Map<String, Object> object) {
        if (objects.stream().anyMatch(other -> id(other).equals(id(object)))) {
            throw new IllegalArgumentException(file + ": " + id(object) + " twice");
        }
        objects.add(object);
    }

    // --- configMapGenerator

    private static void generateConfigMap(
            Path file, Path directory, Map<String, Object> generator, List<Map<String, Object>> objects) {
        only(file, "configMapGenerator", generator, GENERATOR_FIELDS);
        Map<String, Object> options = map(generator.get("options"));
        only(file, "configMapGenerator options", options, GENERATOR_OPTIONS);
        String name = String.valueOf(generator.get("name"));
        Map<String, Object> data = new LinkedHashMap<>();
        for (String literal : strings(generator.get("literals"))) {
            int equals = literal.indexOf('=');
            if (equals < 1) {
                throw new IllegalArgumentException(file + ": literal " + literal + " is not KEY=VALUE");
            }
            data.put(literal.substring(0, equals), literal.substring(equals + 1));
        }
        for (String entry : strings(generator.get("files"))) {
            int equals = entry.indexOf('=');
            String key = equals < 0 ? Path.of(entry).getFileName().toString() : entry.substring(0, equals);
            data.put(key, read(directory.resolve(equals < 0 ? entry : entry.substring(equals + 1))));
        }
        Map<String, Object> labels = map(options.get("labels"));
        String behavior = String.valueOf(generator.getOrDefault("behavior", "create"));
        Map<String, Object> existing = objects.stream()
                .filter(object -> "ConfigMap".equals(object.get("kind"))
                        && name.equals(metadata(object).get("name")))
                .findFirst()
                .orElse(null);
        switch (behavior) {
            case "create" -> {
                if (existing != null) {
                    throw new IllegalArgumentException(file + ": ConfigMap " + name + " exists; merge or replace it");
                }
                Map<String, Object> metadata = new LinkedHashMap<>();
                metadata.put("name", name);
                if (!labels.isEmpty()) {
                    metadata.put("labels", new LinkedHashMap<>(labels));
                }
                Map<String, Object> configMap = new LinkedHashMap<>();
                configMap.put("apiVersion", "v1");
                configMap.put("kind", "ConfigMap");
                configMap.put("metadata", metadata);
                configMap.put("data", data);
                objects.add(configMap);
            }
            case "merge" -> {
                if (existing == null) {
                    throw new IllegalArgumentException(file + ": no ConfigMap " + name + " to merge into");
                }
                mutableMap(existing, "data").putAll(data);
                if (!labels.isEmpty()) {
                    mutableMap(metadata(existing), "labels").putAll(labels);
                }
            }
            default -> throw unsupported(file, "configMapGenerator behavior " + behavior);
        }
    }

    // --- patches

    private static void patch(Path file, Path directory, Map<String, Object> patch, List<Map<String, Object>> objects) {
        only(file, "patches", patch, PATCH_FIELDS);
        if (patch.containsKey("path") == patch.containsKey("patch")) {
            throw new IllegalArgumentException(file + ": a patch needs either path or patch");
        }
        String text = patch.containsKey("path")
                ? read(directory.resolve(String.valueOf(patch.get("path"))))
                : String.valueOf(patch.get("patch"));
        Map<String, Object> target = map(patch.get("target"));
        only(file, "patch target", target, TARGET_FIELDS);
        List<Object> documents = new ArrayList<>();
        new Yaml().loadAll(text).forEach(document -> {
            if (document != null) {
                documents.add(document);
            }
        });
        if (documents.size() == 1 && documents.getFirst() instanceof List<?> operations) {
            if (target.isEmpty()) {
                throw new IllegalArgumentException(file + ": a JSON patch needs a target");
            }
            List<Map<String, Object>> selected = select(objects, target);
            for (Map<String, Object> object : selected) {
                for (Object operation : operations) {
                    jsonPatch(file, object, map(operation));
                }
            }
            return;
        }
        for (Object document : documents) {
            Map<String, Object> strategic = map(document);
            List<Map<String, Object>> selected;
            if (target.isEmpty()) {
                // Without a target a patch names the one object it changes.
                selected = objects.stream()
                        .filter(object -> Objects.equals(object.get("kind"), strategic.get("kind"))
                                && Objects.equals(
                                        metadata(object).get("name"),
                                        metadata(strategic).get("name")))
                        .toList();
                if (selected.size() != 1) {
                    throw new IllegalArgumentException(
                            file + ": patch " + id(strategic) + " matches " + selected.size() + " objects, not one");
                }
            } else {
                selected = select(objects, target);
            }
            Map<String, Object> body = copy(strategic);
            body.remove("apiVersion");
            body.remove("kind");
            // The patch's own name is a placeholder when a target chooses the objects.
            Map<String, Object> metadata = new LinkedHashMap<>(metadata(body));
            metadata.remove("name");
            metadata.remove("namespace");
            body.put("metadata", metadata);
            for (Map<String, Object> object : selected) {
                mergeStrategically(file, object, copy(body), builtIn(object));
            }
        }
    }

    private static List<Map<String, Object>> select(List<Map<String, Object>> objects, Map<String, Object> target) {
        Pattern name = target.get("name") == null ? null : Pattern.compile(String.valueOf(target.get("name")));
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair :
                String.valueOf(target.getOrDefault("labelSelector", "")).split(",")) {
            if (!pair.isBlank()) {
                String[] keyValue = pair.split("=", 2);
                if (keyValue.length != 2 || keyValue[0].endsWith("!")) {
                    throw new IllegalArgumentException("labelSelector " + pair + " is not key=value");
                }
                labels.put(keyValue[0].trim(), keyValue[1].trim());
            }
        }
        return objects.stream()
                .filter(object ->
                        target.get("kind") == null || target.get("kind").equals(object.get("kind")))
                .filter(object -> name == null
                        || name.matcher(String.valueOf(metadata(object).get("name")))
                                .matches())
                .filter(object -> {
                    Map<String, Object> actual = map(metadata(object).get("labels"));
                    return labels.entrySet().stream()
                            .allMatch(label -> label.getValue().equals(actual.get(label.getKey())));
                })
                .toList();
    }

    /** Maps merge key by key, a null deletes, lists of the built-in types' merge keys merge item by item. */
    private static void mergeStrategically(
            Path file, Map<String, Object> object, Map<String, Object> patch, boolean builtIn) {
        for (Map.Entry<String, Object> entry : patch.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("$")) {
                throw unsupported(file, "strategic merge directive " + key);
            }
            Object current = object.get(key);
            if (value == null) {
                object.remove(key);
            } else if (value instanceof Map<?, ?> && current instanceof Map<?, ?>) {
                mergeStrategically(file, map(current), map(value), builtIn);
            } else if (value instanceof List<?> items
                    && current instanceof List<?> existing
                    && builtIn
                    && MERGE_KEYS.containsKey(key)) {
                String mergeKey = MERGE_KEYS.get(key);
                List<Object> merged = new ArrayList<>(existing);
                for (Object item : items) {
                    Object id = map(item).get(mergeKey);
                    Map<String, Object> match = merged.stream()
                            .map(YamlFiles::map)
                            .filter(candidate -> id != null && id.equals(candidate.get(mergeKey)))
                            .findFirst()
                            .orElse(null);
                    if (match == null) {
                        merged.add(item);
                    } else {
                        mergeStrategically(file, match, map(item), builtIn);
                    }
                }
                object.put(key, merged);
            } else {
                object.put(key, value);
            }
        }
    }

    private static boolean builtIn(Map<String, Object> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return !group.contains(".") || group.endsWith(".k8s.io");
    }

    /** One JSON patch (RFC 6902) operation: test, add (an index or "-" in a list), replace, remove. */
    private static void jsonPatch(Path file, Map<String, Object> object, Map<String, Object> operation) {
        only(file, "JSON patch operation", operation, JSON_PATCH_FIELDS);
        String op = String.valueOf(operation.get("op"));
        String path = String.valueOf(operation.get("path"));
        List<String> tokens = new ArrayList<>();
        for (String token : path.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        if (!path.startsWith("/") || tokens.isEmpty()) {
            throw new IllegalArgumentException(file + ": JSON patch path " + path);
        }
        Object parent = object;
        for (String token : tokens.subList(0, tokens.size() - 1)) {
            parent = child(parent, token, path, id(object));
        }
        String last = tokens.getLast();
        Object value = copy(operation.get("value"));
        String where = id(object) + " " + path;
        switch (op) {
            case "test" -> {
                if (!Objects.equals(child(parent, last, path, id(object)), operation.get("value"))) {
                    throw new IllegalStateException("JSON patch test failed: " + where);
                }
            }
            case "add" -> {
                if (parent instanceof List<?> items) {
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) items;
                    list.add(last.equals("-") ? list.size() : index(list, last, where, true), value);
                } else {
                    map(parent).put(last, value);
                }
            }
            case "replace", "remove" -> {
                child(parent, last, path, id(object));
                if (parent instanceof List<?> items) {
                    @SuppressWarnings("unchecked")
                    List<Object> list = (List<Object>) items;
                    int index = index(list, last, where, false);
                    if (op.equals("replace")) {
                        list.set(index, value);
                    } else {
                        list.remove(index);
                    }
                } else if (op.equals("replace")) {
                    map(parent).put(last, value);
                } else {
                    map(parent).remove(last);
                }
            }
            default -> throw unsupported(file, "JSON patch op " + op);
        }
    }

    private static Object child(Object parent, String token, String path, String id) {
        Object child = null;
        if (parent instanceof List<?> items) {
            child = items.get(index(items, token, id + " " + path, false));
        } else if (parent instanceof Map<?, ?> fields) {
            child = fields.get(token);
        }
        if (child == null) {
            throw new IllegalStateException("JSON patch path " + path + " is missing in " + id + " at " + token);
        }
        return child;
    }

    private static int index(List<?> list, String token, String where, boolean end) {
        int index;
        try {
            index = Integer.parseInt(token);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("JSON patch: " + token + " is not an index: " + where, e);
        }
        if (index < 0 || index > (end ? list.size() : list.size() - 1)) {
            throw new IllegalStateException("JSON patch: index " + index + " out of range: " + where);
        }
        return index;
    }

    // --- labels and images

    private static void label(Path file, Map<String, Object> labels, List<Map<String, Object>> objects) {
        only(file, "labels", labels, LABEL_FIELDS);
        if (Boolean.TRUE.equals(labels.get("includeSelectors"))) {
            throw unsupported(file, "labels includeSelectors: true");
        }
        Map<String, Object> pairs = map(labels.get("pairs"));
        for (Map<String, Object> object : objects) {
            mutableMap(metadata(object), "labels").putAll(pairs);
            if (Boolean.TRUE.equals(labels.get("includeTemplates"))
                    && WORKLOADS.contains(String.valueOf(object.get("kind")))) {
                Map<String, Object> template = mutableMap(mutableMap(object, "spec"), "template");
                mutableMap(mutableMap(template, "metadata"), "labels").putAll(pairs);
            }
        }
    }

    private static void image(Path file, Map<String, Object> image, List<Map<String, Object>> objects) {
        only(file, "images", image, IMAGE_FIELDS);
        String name = String.valueOf(image.get("name"));
        for (Map<String, Object> object : objects) {
            replaceImages(object, name, image);
        }
    }

    /** Every container's image of that name, wherever a pod spec sits in the object. */
    private static void replaceImages(Object node, String name, Map<String, Object> image) {
        if (node instanceof Map<?, ?> fields) {
            for (Map.Entry<?, ?> field : fields.entrySet()) {
                if (Set.of("containers", "initContainers").contains(field.getKey())) {
                    for (Object container : list(field.getValue())) {
                        Map<String, Object> fieldsOfContainer = map(container);
                        if (fieldsOfContainer.get("image") instanceof String current
                                && name.equals(current.split("@")[0].replaceFirst(":[^:/]+$", ""))) {
                            String renamed = name;
                            if (image.get("newTag") != null) {
                                renamed += ":" + image.get("newTag");
                            }
                            if (image.get("digest") != null) {
                                renamed = name + "@" + image.get("digest");
                            }
                            fieldsOfContainer.put("image", renamed);
                        }
                    }
                }
                replaceImages(field.getValue(), name, image);
            }
        } else if (node instanceof List<?> items) {
            items.forEach(item -> replaceImages(item, name, image));
        }
    }

    // --- helpers

    private static void only(Path file, String what, Map<String, Object> fields, Set<String> supported) {
        for (String field : fields.keySet()) {
            if (!supported.contains(field)) {
                throw unsupported(file, what + " field " + field);
            }
        }
    }

    private static IllegalArgumentException unsupported(Path file, String field) {
        return new IllegalArgumentException(
                file + ": " + field + " is not supported by this renderer (Kustomize.java)");
    }

    private static String id(Map<String, Object> object) {
        return object.get("apiVersion") + "/" + object.get("kind") + " "
                + metadata(object).getOrDefault("namespace", "") + "/"
                + metadata(object).get("name");
    }

    private static Map<String, Object> metadata(Map<String, Object> object) {
        return mutableMap(object, "metadata");
    }

    private static Map<String, Object> mutableMap(Map<String, Object> object, String key) {
        if (!(object.get(key) instanceof Map<?, ?>)) {
            object.put(key, new LinkedHashMap<>());
        }
        return map(object.get(key));
    }

    @SuppressWarnings("unchecked")
    private static <T> T copy(T value) {
        if (value instanceof Map<?, ?> fields) {
            Map<String, Object> copy = new LinkedHashMap<>();
            fields.forEach((key, field) -> copy.put(String.valueOf(key), copy(field)));
            return (T) copy;
        }
        if (value instanceof List<?> items) {
            List<Object> copy = new ArrayList<>();
            items.forEach(item -> copy.add(copy(item)));
            return (T) copy;
        }
        return value;
    }

    private static List<Map<String, Object>> load(Path file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        for (Object document : new Yaml().loadAll(read(file))) {
            if (document != null) {
                if (!(document instanceof Map<?, ?>)) {
                    throw new IllegalArgumentException(file + ": a document that is not an object");
                }
                documents.add(copy(map(document)));
            }
        }
        if (documents.isEmpty()) {
            throw new IllegalArgumentException(file + " is empty");
        }
        return documents;
    }

    private static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + file, e);
        }
    }
}
