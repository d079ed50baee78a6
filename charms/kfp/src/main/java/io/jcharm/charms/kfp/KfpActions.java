package io.jcharm.charms.kfp;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Model;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The actions: thin calls to the API server in the same pod ({@code http://localhost:<http-port>}),
 * typed results, and a failure message that says what to do.
 *
 * <pre>{@code
 * new KfpActions(model).run(action);
 * }</pre>
 */
final class KfpActions {
    private final Model model;

    KfpActions(Model model) {
        this.model = model;
    }

    void run(ActionContext action) {
        KfpConfig cfg;
        try {
            cfg = model.config(KfpConfig.class);
        } catch (RuntimeException e) {
            action.fail("the charm's config is not usable (" + e.getMessage() + "); fix it and run the action again");
            return;
        }
        KfpApi api = new KfpApi("http://localhost:" + cfg.httpPort());
        try {
            switch (action.name()) {
                case "upload-pipeline" -> upload(action, api);
                case "list-pipelines" -> listPipelines(action, api);
                case "create-run" -> createRun(action, api);
                case "list-runs" -> listRuns(action, api);
                default -> action.fail("action " + action.name() + " is declared but not implemented by this charm");
            }
        } catch (KfpApi.ApiException e) {
            action.fail(e.getMessage());
        }
    }

    private void upload(ActionContext action, KfpApi api) throws KfpApi.ApiException {
        String name = action.param("name").orElse("");
        String source = action.param("package").orElse("");
        byte[] yaml;
        if (source.startsWith("http://") || source.startsWith("https://")) {
            yaml = api.download(source);
        } else {
            try {
                yaml = Files.readAllBytes(Path.of(source));
            } catch (NoSuchFileException e) {
                action.fail("cannot read package " + source + ": no such file in the charm container; give a path"
                        + " there (juju scp it to the unit first) or an http(s) URL");
                return;
            } catch (IOException | java.nio.file.InvalidPathException e) {
                action.fail("cannot read package " + source + ": " + e.getMessage());
                return;
            }
        }
        action.log("uploading " + yaml.length + " bytes from " + source + " as pipeline " + name);
        KfpApi.Pipeline p = api.upload(name, yaml);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("pipeline-id", p.id());
        results.put("name", p.displayName());
        action.setResults(results);
    }

    private static void listPipelines(ActionContext action, KfpApi api) throws KfpApi.ApiException {
        List<KfpApi.Pipeline> all = api.pipelines();
        Map<String, Object> byId = new LinkedHashMap<>();
        for (KfpApi.Pipeline p : all) {
            byId.put(p.id(), Map.of("name", p.displayName(), "created-at", p.createdAt()));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("count", all.size());
        if (!byId.isEmpty()) {
            results.put("pipelines", byId);
        }
        action.setResults(results);
    }

    private static void createRun(ActionContext action, KfpApi api) throws KfpApi.ApiException {
        String wanted = action.param("pipeline").orElse("");
        Map<String, Object> params = api.parameters(action.param("params").orElse(""));
        Optional<KfpApi.Pipeline> pipeline = api.findPipeline(wanted);
        if (pipeline.isEmpty()) {
            action.fail("no pipeline has the id or name \"" + wanted + "\"; run list-pipelines to see them,"
                    + " or upload-pipeline first");
            return;
        }
        String version = api.latestVersion(pipeline.get().id()).orElse(null);
        if (version == null) {
            action.fail("pipeline " + pipeline.get().displayName() + " has no version to run; upload one");
            return;
        }
        String name = action.param("name").filter(n -> !n.isBlank()).orElse(pipeline.get().displayName() + " run");
        KfpApi.Run run = api.createRun(pipeline.get().id(), version, name, params);
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("run-id", run.id());
        results.put("name", run.displayName());
        results.put("state", run.state());
        results.put("pipeline-id", pipeline.get().id());
        results.put("pipeline-version-id", version);
        action.setResults(results);
    }

    private static void listRuns(ActionContext action, KfpApi api) throws KfpApi.ApiException {
        List<KfpApi.Run> all = api.runs();
        Map<String, Object> byId = new LinkedHashMap<>();
        for (KfpApi.Run r : all) {
            byId.put(r.id(), Map.of("name", r.displayName(), "state", r.state(), "created-at", r.createdAt()));
        }
        Map<String, Object> results = new LinkedHashMap<>();
        results.put("count", all.size());
        if (!byId.isEmpty()) {
            results.put("runs", byId);
        }
        action.setResults(results);
    }
}
