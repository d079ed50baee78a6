package io.jcharm.core.tools;

import io.jcharm.core.Status;
import io.jcharm.core.json.Json;
import io.jcharm.core.json.TypedJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * {@link HookTools} on Juju's real hook-tool executables, run as child processes with the
 * hook's environment (argv arrays, never a shell; secrets in 0600 files, never on argv).
 *
 * <pre>{@code
 * HookTools tools = new ExecHookTools(System.getenv());
 * if (tools.isLeader()) {
 *     tools.relationSet(RelationRef.parse("db:3"), Map.of("database", "mlflow"), true);
 * }
 * }</pre>
 */
public final class ExecHookTools implements HookTools {

    /**
     * The hook environment's variable that, set to {@link #SOCKET_TRANSPORT} (only jcharm's local
     * model does), makes the tools asked over the controller's socket instead of run as processes.
     */
    public static final String TRANSPORT_ENV = "JCHARM_HOOK_TOOLS";
    public static final String SOCKET_TRANSPORT = "socket";

    /** Linux's longest single argv string is 128 KiB including its NUL terminator. */
    static final int MAX_LOG_BYTES = 131071;

    /** How each tool is run: a child process, the local model's socket, or lib/testing's emulation. */
    private final HookToolTransport transport;
    private final ToolOutput output = new ToolOutput();

    /** Runs tools found on {@code env}'s PATH, with {@code env} as their whole environment. */
    public ExecHookTools(Map<String, String> env) {
        this(env, DEFAULT_TIMEOUT);
    }

    /**
     * As {@link #ExecHookTools(Map)}, giving up on any tool still running after {@code timeout}.
     * Under jcharm's local model ({@code JCHARM_HOOK_TOOLS=socket} in {@code env}) the tools are
     * asked over its socket instead of started as processes: see {@link ControllerSocket}.
     */
    public ExecHookTools(Map<String, String> env, Duration timeout) {
        this(ControllerSocket.from(env, timeout).orElseGet(() -> new ToolRunner(env, timeout)));
    }

    /**
     * Runs every tool through {@code transport} instead of a child process, with the same argv,
     * stdin, output parsing and failure mapping; lib/testing answers them in process this way.
     */
    public ExecHookTools(HookToolTransport transport) {
        this.transport = transport;
    }

    // --- relations -------------------------------------------------------------------------

    @Override
    public List<RelationRef> relationIds(String endpoint) {
        List<String> argv = List.of("relation-ids", endpoint, "--format=json");
        List<String> ids = output.stringList(argv, run(argv));
        List<RelationRef> refs = new ArrayList<>(ids.size());
        for (String id : ids) {
            try {
                refs.add(RelationRef.parse(id));
            } catch (IllegalArgumentException e) {
                throw ToolOutput.unexpected(argv, ids.toString(), "relation ids of the form endpoint:N", false);
            }
        }
        return refs;
    }

    @Override
    public List<String> relationList(RelationRef relation) {
        List<String> argv = List.of("relation-list", "--format=json", "-r", relation.toString());
        return output.stringList(argv, run(argv));
    }

    @Override
    public String relationRemoteApp(RelationRef relation) {
        List<String> argv = List.of("relation-list", "--format=json", "--app", "-r", relation.toString());
        return output.string(argv, run(argv));
    }

    @Override
    public Map<String, String> relationGet(RelationRef relation, String unitOrApp, boolean app) {
        // The key "-" means every key of the bag.
        List<String> argv = new Argv("relation-get", "--format=json", "-r", relation.toString())
                .addIf(app, "--app").add("-", unitOrApp).list();
        return output.stringMap(argv, run(argv), false);
    }

    @Override
    public void relationSet(RelationRef relation, Map<String, String> changes, boolean app) {
        if (changes.isEmpty()) {
            return; // nothing changed: spare the controller a round trip
        }
        List<String> argv = new Argv("relation-set", "-r", relation.toString()).addIf(app, "--app")
                .add("--file", "-").list();
        run(argv, json(changes)); // JSON is YAML, which --file reads
    }

    @Override
    public String relationModelUuid(RelationRef relation) {
        List<String> argv = List.of("relation-model-get", "--format=json", "-r", relation.toString());
        String out = run(argv);
        if (!(ToolOutput.map(output.value(argv, out, false)).get("uuid") instanceof String uuid)) {
            throw ToolOutput.unexpected(argv, out, "a JSON object with a \"uuid\" string", false);
        }
        return uuid;
    }

    // --- config, leadership, status ------------------------------------------------------

    @Override
    public Map<String, Object> configGet() {
        List<String> argv = List.of("config-get", "--format=json");
        return output.objectMap(argv, run(argv));
    }

    @Override
    public boolean isLeader() {
        List<String> argv = List.of("is-leader", "--format=json");
        String out = run(argv);
        if (!(output.value(argv, out, false) instanceof Boolean leader)) {
            throw ToolOutput.unexpected(argv, out, "true or false", false);
        }
        return leader;
    }

    @Override
    public Status unitStatusGet() {
        List<String> argv = List.of("status-get", "--include-data", "--format=json", "--application=false");
        return output.status(argv, run(argv));
    }

    @Override
    public Status appStatusGet() {
        List<String> argv = List.of("status-get", "--include-data", "--format=json", "--application=true");
        return output.status(argv, run(argv));
    }

    @Override
    public void statusSet(Status status, boolean application) {
        if (!status.settable()) {
            throw new IllegalArgumentException("status \"" + status.name()
                    + "\" is set by Juju only; a charm may set active, blocked, maintenance or waiting");
        }
        // Python-style True/False: what ops sends, and Go's bool flag parser accepts it.
        // "--" because a message may start with "-".
        run(new Argv("status-set", "--application=" + (application ? "True" : "False"), status.name())
                .addIf(!status.message().isEmpty(), "--", status.message()).list());
    }

    @Override
    public void applicationVersionSet(String version) {
        run(List.of("application-version-set", "--", version));
    }

    /**
     * Never logs its own failure (that could recurse): a failing juju-log throws and the
     * caller decides. Messages too long for one argv string are sent in several calls.
     */
    @Override
    public void jujuLog(LogLevel level, String message) {
        List<String> chunks = LogChunks.split(message, MAX_LOG_BYTES);
        if (chunks.size() > 1) {
            log(level, "next message is " + message.length() + " characters long: sent in " + chunks.size()
                    + " parts");
        }
        for (String chunk : chunks) {
            log(level, chunk);
        }
    }

    private void log(LogLevel level, String message) {
        run(List.of("juju-log", "--log-level", level.name(), "--", message));
    }

    // --- resources and storage -----------------------------------------------------------

    @Override
    public Path resourceGet(String name) {
        List<String> argv = List.of("resource-get", name);
        String out = run(argv).strip();
        if (out.isEmpty() || out.indexOf('\n') >= 0) {
            throw ToolOutput.unexpected(argv, out, "the resource's path", false);
        }
        return Path.of(out);
    }

    @Override
    public StorageInfo storageGet(String storageId) {
        // No key argument: the whole object carries both kind and location.
        List<String> argv = List.of("storage-get", "--format=json", "-s", storageId);
        String out = run(argv);
        Map<String, Object> node = ToolOutput.map(output.value(argv, out, false));
        if (!(node.get("location") instanceof String location)) {
            throw ToolOutput.unexpected(argv, out, "a JSON object with \"kind\" and \"location\"", false);
        }
        return new StorageInfo(storageId, ToolOutput.text(node, "kind"), Path.of(location));
    }

    @Override
    public List<String> storageList(Optional<String> name) {
        List<String> argv = new Argv("storage-list", "--format=json").addAll(name.stream().toList()).list();
        return output.stringList(argv, run(argv));
    }

    @Override
    public void storageAdd(String name, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("storage-add " + name + ": count must be at least 1, got " + count);
        }
        run(List.of("storage-add", name + "=" + count));
    }

    // --- actions -------------------------------------------------------------------------

    @Override
    public Map<String, Object> actionGet() {
        List<String> argv = List.of("action-get", "--format=json");
        return output.objectMap(argv, run(argv));
    }

    @Override
    public void actionSet(Map<String, String> flattened) {
        if (flattened.isEmpty()) {
            return; // action-set refuses an empty argument list
        }
        Argv argv = new Argv("action-set");
        new TreeMap<>(flattened).forEach((k, v) -> argv.add(k + "=" + v));
        run(argv.list());
    }

    @Override
    public void actionLog(String message) {
        run(List.of("action-log", "--", message));
    }

    @Override
    public void actionFail(String message) {
        // Without a message Juju supplies its default one.
        boolean hasMessage = message != null && !message.isEmpty();
        run(new Argv("action-fail").addIf(hasMessage, "--", hasMessage ? message : "").list());
    }

    // --- ports ---------------------------------------------------------------------------

    @Override
    public void openPort(Port port, List<String> endpoints) {
        run(portArgv("open-port", port, endpoints));
    }

    @Override
    public void closePort(Port port, List<String> endpoints) {
        run(portArgv("close-port", port, endpoints));
    }

    private static List<String> portArgv(String tool, Port port, List<String> endpoints) {
        return new Argv(tool).addIf(!endpoints.isEmpty(), "--endpoints", String.join(",", endpoints))
                .add(port.toString()).list();
    }

    @Override
    public List<Port> openedPorts() {
        List<String> argv = List.of("opened-ports", "--format=json");
        List<Port> ports = new ArrayList<>();
        for (String item : output.stringList(argv, run(argv))) {
            try {
                ports.add(Port.parse(item));
            } catch (IllegalArgumentException e) {
                // A protocol newer than this SDK: skip it rather than fail every hook over it.
            }
        }
        return ports;
    }

    // --- controller-side unit state ------------------------------------------------------

    @Override
    public Map<String, String> stateGet() {
        List<String> argv = List.of("state-get", "--format=json");
        return output.stringMap(argv, run(argv), false);
    }

    @Override
    public void stateSet(Map<String, String> values) {
        if (!values.isEmpty()) {
            run(List.of("state-set", "--file", "-"), json(values));
        }
    }

    @Override
    public void stateDelete(String key) {
        run(List.of("state-delete", key));
    }

    // --- secrets -------------------------------------------------------------------------

    @Override
    public String secretAdd(Map<String, String> content, SecretOptions options) {
        try (SecretFiles files = new SecretFiles(content)) {
            List<String> argv = secretOptions(new Argv("secret-add"), options).addAll(files.args()).list();
            String id = run(argv).strip();
            if (id.isEmpty() || id.indexOf('\n') >= 0) {
                throw ToolOutput.unexpected(argv, id, "the new secret's id", false);
            }
            return id;
        }
    }

    @Override
    public Map<String, String> secretGet(Optional<String> id, Optional<String> label, boolean refresh, boolean peek) {
        if (id.isEmpty() && label.isEmpty()) {
            throw new IllegalArgumentException("secret-get needs a secret id or a label");
        }
        List<String> argv = new Argv("secret-get", "--format=json").addAll(id.stream().toList())
                .option("--label", label).addIf(refresh, "--refresh").addIf(peek, "--peek").list();
        return output.stringMap(argv, run(argv), true); // sensitive: never quote the content
    }

    @Override
    public SecretInfo secretInfoGet(Optional<String> id, Optional<String> label) {
        if (id.isEmpty() && label.isEmpty()) {
            throw new IllegalArgumentException("secret-info-get needs a secret id or a label");
        }
        // Juju takes an id or a label, never both.
        Argv argv = new Argv("secret-info-get", "--format=json");
        List<String> list = (id.isPresent() ? argv.add(id.get()) : argv.option("--label", label)).list();
        return output.secretInfo(list, run(list));
    }

    @Override
    public void secretSet(String id, Optional<Map<String, String>> content, SecretOptions options) {
        Argv argv = secretOptions(new Argv("secret-set"), options).add(id);
        if (content.isEmpty()) {
            run(argv.list());
            return;
        }
        try (SecretFiles files = new SecretFiles(content.get())) {
            run(argv.addAll(files.args()).list());
        }
    }

    private static Argv secretOptions(Argv argv, SecretOptions o) {
        return argv.option("--label", o.label()).option("--description", o.description())
                .option("--expire", o.expire()).option("--rotate", o.rotate()).option("--owner", o.owner());
    }

    @Override
    public void secretGrant(String id, RelationRef relation, Optional<String> unit) {
        run(grantArgv("secret-grant", id, relation, unit));
    }

    @Override
    public void secretRevoke(String id, RelationRef relation, Optional<String> unit) {
        run(grantArgv("secret-revoke", id, relation, unit));
    }

    private static List<String> grantArgv(String tool, String id, RelationRef relation, Optional<String> unit) {
        // endpoint:N, as -r elsewhere: Juju's relation flag accepts it and checks the endpoint.
        return new Argv(tool, "--relation", relation.toString()).option("--unit", unit).add(id).list();
    }

    @Override
    public void secretRemove(String id, Optional<Integer> revision) {
        run(new Argv("secret-remove", id).option("--revision", revision.map(String::valueOf)).list());
    }

    @Override
    public List<String> secretIds() {
        List<String> argv = List.of("secret-ids", "--format=json");
        return output.stringList(argv, run(argv));
    }

    // --- environment ---------------------------------------------------------------------

    @Override
    public JsonNode credentialGet() {
        List<String> argv = List.of("credential-get", "--format=json");
        String out = run(argv);
        output.object(argv, out, "a JSON object", true); // holds cloud keys: never quote it
        return TypedJson.tree(out); // Jackson only here: the one tool whose answer is handed out as a tree
    }

    @Override
    public GoalState goalState() {
        List<String> argv = List.of("goal-state", "--format=json");
        return output.goalState(argv, run(argv));
    }

    @Override
    public NetworkInfo networkGet(String binding, Optional<RelationRef> relation) {
        List<String> argv = new Argv("network-get", "--format=json")
                .option("-r", relation.map(RelationRef::toString)).add(binding).list();
        return output.networkInfo(argv, run(argv));
    }

    @Override
    public void jujuReboot(boolean now) {
        run(new Argv("juju-reboot").addIf(now, "--now").list());
    }

    // --- plumbing ------------------------------------------------------------------------

    private String run(List<String> argv) {
        return run(argv, null);
    }

    /** Runs one tool (stdin or null) and returns its stdout, or throws its mapped failure. */
    private String run(List<String> argv, byte[] stdin) {
        HookToolTransport.Reply reply = transport.call(argv, stdin);
        if (reply.exitCode() != 0) {
            throw HookToolException.of(argv, reply.exitCode(), reply.stderr());
        }
        return reply.stdout();
    }

    /** Sorted keys, so the same data always gives the same bytes. */
    private static byte[] json(Map<String, String> values) {
        return Json.write(new TreeMap<>(values)).getBytes(StandardCharsets.UTF_8);
    }
}
