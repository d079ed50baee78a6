package io.jcharm.controller;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The secret hook tools: add, get (owner sees the latest revision; a consumer tracks one until it
 * asks for {@code --refresh}), info, set (new revision, consumers hear secret-changed), remove,
 * grant and revoke over relations, and ids. Changes wait for the hook to succeed; within the
 * hook they are already visible to it.
 *
 * <pre>{@code
 * new SecretTools(jujuc, run).handle(call);   // secret-add --owner application password#file=/tmp/x/password
 * }</pre>
 */
final class SecretTools {
    private static final Pattern KEY = Pattern.compile("^([a-z](?:-?[a-z0-9]){2,})$");
    private static final Set<String> META = Set.of("label", "description", "expire", "rotate", "owner");
    /** Juju's ErrIsNotLeader (juju/juju 3.6 worker/uniter/runner/context/context.go). */
    static final String NOT_LEADER = "this unit is not the leader";
    private final Jujuc j;
    private final HookRun run;

    SecretTools(Jujuc j, HookRun run) {
        this.j = j;
        this.run = run;
    }

    ToolReply handle(ToolCall call) {
        Map<String, Secret> view = Secrets.view(j.model, run.secretOps, j.output.json());
        return switch (call.tool()) {
            case "secret-add" -> add(call, Flags.parse(call.args(), Set.of(), META));
            case "secret-get" -> get(view, Flags.parse(call.args(), Set.of("refresh", "peek"), Set.of("label", "format")));
            case "secret-info-get" -> info(view, Flags.parse(call.args(), Set.of(), Set.of("label", "format")));
            case "secret-set" -> set(call, view, Flags.parse(call.args(), Set.of(), META));
            case "secret-remove" -> {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of("revision"));
                Secret s = owned(view, id(f), true);
                Optional<Integer> rev = f.value("revision").map(SecretTools::number);
                run.secretOps.add(new SecretOp.Remove(s.id, rev));
                yield ToolReply.OK;
            }
            case "secret-grant" -> grant(view, Flags.parse(call.args(), Set.of(), Set.of("r", "relation", "unit")));
            case "secret-revoke" -> {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of("r", "relation", "app", "application", "unit"));
                Secret s = owned(view, id(f), true);
                run.secretOps.add(new SecretOp.Revoke(s.id, f.value("r", "relation").map(SecretTools::relationId),
                        f.value("app", "application"), f.value("unit")));
                yield ToolReply.OK;
            }
            case "secret-ids" -> {
                Flags f = Flags.parse(call.args(), Set.of(), Set.of("format"));
                List<String> ids = view.values().stream().filter(s -> Secrets.owns(s, run.unit)).map(s -> s.id).toList();
                yield j.output.print(ids, f.format());
            }
            default -> ToolReply.error(1, "bad request: unknown hook tool \"" + call.tool() + "\"");
        };
    }

    private ToolReply add(ToolCall call, Flags f) {
        boolean unitOwned = f.value("owner").map(o -> o.equals("unit")).orElse(false);
        if (!unitOwned && !j.model.isLeader(run.unit)) {
            // juju/juju 3.6 worker/uniter/runner/context/context.go: ErrIsNotLeader.
            throw new ToolError(1, NOT_LEADER);
        }
        Map<String, String> content = content(call, f.positional());
        if (content.isEmpty()) {
            throw new Flags.UsageException("missing secret value or filename");
        }
        String id = j.host.newSecretId();
        run.secretOps.add(new SecretOp.Add(id, unitOwned ? run.unit : run.app, unitOwned, content, f.value("label"),
                f.value("description"), f.value("expire"), f.value("rotate")));
        return ToolReply.out(id + "\n");
    }

    private ToolReply get(Map<String, Secret> view, Flags f) {
        Optional<String> label = f.value("label");
        Secret s;
        if (!f.positional().isEmpty()) {
            String id = Secrets.canonical(f.positional().get(0));
            s = view.get(id);
            if (s == null) {
                throw new ToolError(1, "secret \"" + Secrets.xid(id) + "\" not found");
            }
            if (!Secrets.owns(s, run.unit) && !Secrets.granted(s, run.unit)) {
                // The secret exists but was not granted: the controller's API refuses with its ErrPerm
                // (juju/juju 3.6 apiserver/common/errors.go), which secret-get prints as is.
                throw new ToolError(1, "permission denied");
            }
        } else if (label.isPresent()) {
            String wanted = label.get();
            s = Secrets.byLabel(view, run.unit, wanted).orElseThrow(
                    () -> new ToolError(1, "secret with label \"" + wanted + "\" not found"));
            label = Optional.empty(); // looked up by it: nothing to (re)apply
        } else {
            throw new Flags.UsageException("require either a secret URI or label");
        }
        int revision;
        if (Secrets.owns(s, run.unit)) {
            revision = s.latest();
            if (label.isPresent()) {
                run.secretOps.add(new SecretOp.Update(s.id, Optional.empty(), label, Optional.empty(), Optional.empty(),
                        Optional.empty()));
            }
        } else {
            ConsumerDoc c = s.consumers.get(run.unit);
            boolean latest = c == null || f.bool("refresh") || f.bool("peek");
            revision = latest ? s.latest() : c.revision();
            if (!f.bool("peek") && (c == null || c.revision() != revision || label.isPresent())) {
                run.secretOps.add(new SecretOp.Track(s.id, run.unit, revision, label));
            }
        }
        Map<String, String> content = s.revisions.get(revision);
        if (content == null) {
            throw new ToolError(1, "secret \"" + Secrets.xid(s.id) + "\" revision " + revision + " not found");
        }
        return j.output.print(content, f.format());
    }

    private ToolReply info(Map<String, Secret> view, Flags f) {
        Secret s;
        if (!f.positional().isEmpty()) {
            s = owned(view, Secrets.canonical(f.positional().get(0)), false);
        } else if (f.value("label").isPresent()) {
            String label = f.value("label").get();
            s = view.values().stream().filter(x -> Secrets.owns(x, run.unit) && label.equals(x.label)).findFirst()
                    .orElseThrow(() -> new ToolError(1, "secret with label \"" + label + "\" not found"));
        } else {
            throw new Flags.UsageException("require either a secret URI or label");
        }
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("revision", s.latest());
        info.put("label", s.label == null ? "" : s.label);
        info.put("owner", s.unitOwned ? "unit" : "application");
        info.put("rotation", s.rotate == null ? "never" : s.rotate);
        if (s.description != null) {
            info.put("description", s.description);
        }
        if (s.expire != null) {
            info.put("expiry", s.expire);
        }
        return j.output.print(Map.of(Secrets.xid(s.id), info), f.format());
    }

    private ToolReply set(ToolCall call, Map<String, Secret> view, Flags f) {
        Secret s = owned(view, id(f), true);
        Map<String, String> content = content(call, f.positional().subList(1, f.positional().size()));
        run.secretOps.add(new SecretOp.Update(s.id, content.isEmpty() ? Optional.empty() : Optional.of(content),
                f.value("label"), f.value("description"), f.value("expire"), f.value("rotate")));
        return ToolReply.OK;
    }

    private ToolReply grant(Map<String, Secret> view, Flags f) {
        Secret s = owned(view, id(f), false);
        String ref = f.value("r", "relation").orElseThrow(() -> new Flags.UsageException("missing relation"));
        int relId = relationId(ref);
        Relation r = j.model.relations.get(relId);
        if (r == null || r.side(run.app).isEmpty()) {
            throw new ToolError(2, "invalid value \"" + ref + "\" for option -r: relation not found");
        }
        String app = r.other(run.app).map(EndpointDoc::app).orElse(run.app);
        Optional<String> unit = f.value("unit");
        if (unit.isPresent() && !unit.get().startsWith(app + "/")) {
            throw new ToolError(1, "cannot grant secret to unit \"" + unit.get() + "\": it is not a unit of \"" + app + "\"");
        }
        run.secretOps.add(new SecretOp.Grant(s.id, relId, app, unit));
        return ToolReply.OK;
    }

    /**
     * The secret named by the first positional argument, which this unit must own (app secrets: the leader).
     *
     * @param change secret-set, -remove, -revoke: Juju takes them and the controller refuses a secret
     *     the unit can see but does not own when the hook's changes are flushed, with its ErrPerm
     *     ("permission denied", juju/juju 3.6 apiserver/facades/agent/secretsmanager); here the tool
     *     refuses at once with that text. secret-info-get and secret-grant look the secret up among
     *     the unit's own (worker/uniter/runner/context/context.go) and say "not found".
     */
    private Secret owned(Map<String, Secret> view, String id, boolean change) {
        Secret s = view.get(Secrets.canonical(id));
        boolean visible = s != null && (Secrets.owns(s, run.unit) || Secrets.granted(s, run.unit));
        if (change && visible && !Secrets.owns(s, run.unit)) {
            throw new ToolError(1, "permission denied");
        }
        if (s == null || !Secrets.owns(s, run.unit)) {
            throw new ToolError(1, "secret \"" + Secrets.xid(id) + "\" not found");
        }
        if (!s.unitOwned && !j.model.isLeader(run.unit)) {
            // juju/juju 3.6 worker/uniter/runner/context/context.go UpdateSecret/RemoveSecret: ErrIsNotLeader.
            throw new ToolError(1, NOT_LEADER);
        }
        return s;
    }

    private static String id(Flags f) {
        if (f.positional().isEmpty()) {
            throw new Flags.UsageException("missing secret URI");
        }
        return Secrets.canonical(f.positional().get(0));
    }

    /** {@code key=value}, {@code key#file=/path} and {@code key#base64=...} arguments. */
    private static Map<String, String> content(ToolCall call, List<String> args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String a : args) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new Flags.UsageException("key value \"" + a + "\" not valid");
            }
            String key = a.substring(0, eq);
            String value = a.substring(eq + 1);
            if (key.endsWith("#file")) {
                key = key.substring(0, key.length() - 5);
                try {
                    value = Files.readString(Path.of(call.cwd()).resolve(value), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    throw new ToolError(1, "cannot read secret content file for key \"" + key + "\": " + e.getMessage());
                }
            } else if (key.endsWith("#base64")) {
                key = key.substring(0, key.length() - 7);
                try {
                    value = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    throw new ToolError(1, "secret content for key \"" + key + "\" is not valid base64");
                }
            }
            if (!KEY.matcher(key).matches()) {
                throw new ToolError(1, "key \"" + key + "\" not valid");
            }
            out.put(key, value);
        }
        return out;
    }

    private static int relationId(String ref) {
        return number(ref.substring(ref.lastIndexOf(':') + 1));
    }

    private static int number(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new Flags.UsageException("\"" + s + "\" is not a number");
        }
    }
}
