package com.s4bsv.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** config/grafana/s4-dashboard.json: its panels and the PromQL queries they plot. */
final class Dashboard {

    static final String FILE = "config/grafana/s4-dashboard.json";

    record Query(String panel, String expr) {}

    private Dashboard() {}

    static Map<String, Object> json() {
        return Yaml.map(Repo.read(Repo.file(FILE)));
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> panels() {
        return (List<Map<String, Object>>) json().get("panels");
    }

    @SuppressWarnings("unchecked")
    static List<Query> queries() {
        List<Query> queries = new ArrayList<>();
        for (Map<String, Object> panel : panels()) {
            for (Map<String, Object> target : (List<Map<String, Object>>) panel.getOrDefault("targets", List.of())) {
                queries.add(new Query((String) panel.get("title"), (String) target.get("expr")));
            }
        }
        return queries;
    }
}
