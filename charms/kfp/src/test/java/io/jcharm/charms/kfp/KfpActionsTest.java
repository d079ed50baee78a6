package io.jcharm.charms.kfp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jcharm.testing.Context;
import io.jcharm.testing.Events;
import io.jcharm.testing.State;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The actions against a local server answering as KFP's v2beta1 REST API. */
class KfpActionsTest {
    static final String PIPELINE_YAML = "# PIPELINE DEFINITION\n# Name: hello\ncomponents: {}\npipelineInfo:\n  name: hello\n";
    final Context ctx = Context.of(KfpCharm::new);
    final JsonMapper json = JsonMapper.builder().build();
    @TempDir
    Path tmp;
    FakeKfpApi api;
    State unit;

    @BeforeEach
    void start() throws IOException {
        api = FakeKfpApi.start();
        unit = State.empty().withLeader(true).withModel("pipelines", "5f1c7e2a-0000-4000-8000-0000000000c5")
                .withConfig(Map.of("http-port", Integer.toString(api.port())));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void uploadPipelineSendsThePackageAsTheUploadfileForm() throws IOException {
        Path pkg = Files.writeString(tmp.resolve("hello.yaml"), PIPELINE_YAML);
        State out = ctx.run(Events.action("upload-pipeline", Map.of("name", "hello", "package", pkg.toString())), unit);
        assertEquals(Map.of("pipeline-id", "pl-1", "name", "hello"), out.actionResults());
        FakeKfpApi.Received r = api.received.get(0);
        assertEquals("POST", r.method());
        assertEquals("/apis/v2beta1/pipelines/upload?name=hello&display_name=hello", r.pathAndQuery());
        assertTrue(r.contentType().startsWith("multipart/form-data; boundary="), r.contentType());
        assertTrue(r.body().contains("name=\"uploadfile\"; filename=\"pipeline.yaml\"") && r.body().contains(PIPELINE_YAML),
                r.body());
    }

    @Test
    void uploadPipelineFromAMissingFileFailsSayingWhereToPutIt() {
        State out = ctx.run(Events.action("upload-pipeline", Map.of("name", "hello", "package", "/nowhere/x.yaml")), unit);
        assertEquals(Optional.of("cannot read package /nowhere/x.yaml: no such file in the charm container; give a path"
                + " there (juju scp it to the unit first) or an http(s) URL"), out.actionFailure());
        assertTrue(api.received.isEmpty(), "nothing was sent");
    }

    @Test
    void listPipelinesGivesEachByIdWithItsName() {
        api.addPipeline("pl-a", "first");
        api.addPipeline("pl-b", "second");
        State out = ctx.run(Events.action("list-pipelines", Map.of()), unit);
        assertEquals("2", out.actionResults().get("count"));
        assertEquals("second", out.actionResults().get("pipelines.pl-b.name"));
        assertEquals("first", out.actionResults().get("pipelines.pl-a.name"));
        assertEquals("/apis/v2beta1/pipelines?page_size=100&sort_by=created_at%20desc", api.received.get(0).pathAndQuery());
    }

    @Test
    void createRunResolvesTheNameToTheNewestVersionAndSendsTheParameters() {
        api.addPipeline("pl-a", "hello");
        State out = ctx.run(Events.action("create-run", Map.of("pipeline", "hello", "params", "{\"lr\": 0.1, \"epochs\": 3}")),
                unit);
        assertEquals(Map.of("run-id", "run-1", "name", "hello run", "state", "PENDING", "pipeline-id", "pl-a",
                "pipeline-version-id", "pl-a-v1"), out.actionResults());
        FakeKfpApi.Received post = api.received.get(api.received.size() - 1);
        assertEquals("/apis/v2beta1/runs", post.pathAndQuery());
        JsonNode body = json.readTree(post.body());
        assertEquals("hello run", body.path("display_name").asString());
        assertEquals("pl-a", body.at("/pipeline_version_reference/pipeline_id").asString());
        assertEquals("pl-a-v1", body.at("/pipeline_version_reference/pipeline_version_id").asString());
        assertEquals(0.1, body.at("/runtime_config/parameters/lr").asDouble());
        assertEquals(3, body.at("/runtime_config/parameters/epochs").asInt());

        State runs = ctx.run(Events.action("list-runs", Map.of()), unit);
        assertEquals("1", runs.actionResults().get("count"));
        assertEquals("PENDING", runs.actionResults().get("runs.run-1.state"));
    }

    @Test
    void createRunOfAnUnknownPipelineFailsPointingAtListPipelines() {
        State out = ctx.run(Events.action("create-run", Map.of("pipeline", "nope")), unit);
        assertEquals(Optional.of("no pipeline has the id or name \"nope\"; run list-pipelines to see them, or upload-pipeline"
                + " first"), out.actionFailure());
    }

    @Test
    void badParamsFailBeforeAnythingIsSent() {
        State out = ctx.run(Events.action("create-run", Map.of("pipeline", "hello", "params", "[1, 2]")), unit);
        assertEquals(Optional.of("params must be a JSON object such as {\"lr\": 0.1}, got [1, 2]"), out.actionFailure());
        assertTrue(api.received.isEmpty());
    }

    @Test
    void anApiServerThatIsNotUpFailsNamingIt() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        State out = ctx.run(Events.action("list-runs", Map.of()), unit.withConfig(Map.of("http-port", Integer.toString(closed))));
        String failure = out.actionFailure().orElseThrow();
        assertTrue(failure.startsWith("cannot reach the API server at http://localhost:" + closed + "/ (GET /apis/v2beta1/runs)"),
                failure);
    }
}
