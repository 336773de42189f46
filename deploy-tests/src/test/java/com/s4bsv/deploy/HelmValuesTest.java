package com.s4bsv.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** helm/s4/values.yaml documents every value, and the templates use no value it lacks. */
class HelmValuesTest {

    private static final Path CHART = Repo.file("helm/s4");
    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z0-9_.-]+):.*$");
    private static final Pattern VALUE_REF = Pattern.compile("\\.Values((?:\\.[A-Za-z0-9_]+)+)");

    @Test
    void everyValueHasACommentAboveItOrAboveAParent() {
        List<String> lines = Repo.read(CHART.resolve("values.yaml")).lines().toList();
        List<String> undocumented = new ArrayList<>();
        // (indent, documented) of the keys enclosing the current line.
        List<int[]> parents = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher key = KEY.matcher(lines.get(i));
            if (!key.matches()) {
                continue;
            }
            int indent = key.group(1).length();
            parents.removeIf(p -> p[0] >= indent);
            boolean commented = i > 0 && lines.get(i - 1).strip().startsWith("#");
            boolean documented = commented || parents.stream().anyMatch(p -> p[1] == 1);
            boolean leaf = !isChild(nextContent(lines, i), indent);
            if (leaf && !documented) {
                undocumented.add((i + 1) + ": " + lines.get(i).strip());
            }
            parents.add(new int[] {indent, documented ? 1 : 0});
        }
        assertThat(undocumented).as("values without a comment in values.yaml").isEmpty();
    }

    private static String nextContent(List<String> lines, int from) {
        for (int i = from + 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                return lines.get(i);
            }
        }
        return "";
    }

    private static boolean isChild(String next, int indent) {
        Matcher key = KEY.matcher(next);
        if (key.matches()) {
            return key.group(1).length() > indent;
        }
        // a list item under the key
        return next.strip().startsWith("- ") && next.indexOf('-') >= indent;
    }

    @Test
    void templatesOnlyUseValuesThatExist() throws IOException {
        Map<String, Object> values = Yaml.map(Repo.read(CHART.resolve("values.yaml")));
        TreeSet<String> missing = new TreeSet<>();
        TreeSet<String> used = new TreeSet<>();
        try (Stream<Path> templates = Files.list(CHART.resolve("templates"))) {
            for (Path template : templates.toList()) {
                Matcher ref = VALUE_REF.matcher(Repo.read(template));
                while (ref.find()) {
                    String path = ref.group(1).substring(1);
                    used.add(path);
                    if (!containsPath(values, path.split("\\."))) {
                        missing.add(path + " (" + template.getFileName() + ")");
                    }
                }
            }
        }
        assertThat(used).as("values the templates use").contains("replicaCount", "persistence.enabled", "port");
        assertThat(missing)
                .as("values used by templates but not in values.yaml")
                .isEmpty();
    }

    @SuppressWarnings("unchecked")
    private static boolean containsPath(Map<String, Object> values, String[] path) {
        Object node = values;
        for (String key : path) {
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
                return false;
            }
            node = ((Map<String, Object>) map).get(key);
        }
        return true;
    }
}
