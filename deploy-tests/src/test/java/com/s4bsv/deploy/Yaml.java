package com.s4bsv.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML (and JSON, its subset here) as plain maps and lists. */
final class Yaml {

    private Yaml() {}

    private static org.yaml.snakeyaml.Yaml parser() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(64 * 1024 * 1024);
        return new org.yaml.snakeyaml.Yaml(new SafeConstructor(options));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(String text) {
        Object document = parser().load(text);
        return document == null ? Map.of() : (Map<String, Object>) document;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> documents(String text) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object document : parser().loadAll(text)) {
            if (document != null) {
                out.add((Map<String, Object>) document);
            }
        }
        return out;
    }

    /** Leaf values by dotted path ({@code server.tomcat.max-swallow-size}); list values stay lists. */
    static Map<String, Object> flatten(Map<String, Object> tree) {
        Map<String, Object> out = new LinkedHashMap<>();
        flatten("", tree, out);
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> tree, Map<String, Object> out) {
        tree.forEach((key, value) -> {
            String path = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> child && !child.isEmpty()) {
                flatten(path, (Map<String, Object>) child, out);
            } else {
                out.put(path, value);
            }
        });
    }

    /** The value at a dotted path of nested maps, or null. */
    @SuppressWarnings("unchecked")
    static Object at(Map<String, Object> tree, String... path) {
        Object node = tree;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return node;
    }
}
