package io.jcharm.charms.standins.mysql;

import io.jcharm.charms.standins.python.PythonJson;
import io.jcharm.core.DataBag;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.Secret;
import io.jcharm.core.StatusException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * The provider side of {@code mysql_client} on endpoint {@value #ENDPOINT}, as mysql-k8s 8.0
 * answers through data_platform_libs' {@code DatabaseProvides} (LIBPATCH 41): the leader keeps a
 * copy of the requirer's data in its own bag ({@code data}, Python JSON) on every
 * relation-changed, and answers a newly requested {@code database} once, with {@code endpoints}
 * and {@code read-only-endpoints} (the primary and replicas Services, fully qualified with a
 * trailing dot, port 3306), {@code version}, {@code database}, and the user
 * {@code relation-<id>_<model uuid without dashes>} (26 characters at most) with a random
 * 24-character password. Credentials the requirer lists in {@code requested-secrets} go into an
 * application secret labelled {@code database.<id>.user.secret}, granted to the relation and
 * named by {@code secret-user}; the others are written in the bag.
 *
 * <pre>{@code
 * new DatabaseProvider(model).answerAll();   // leader: every unanswered request on "database"
 * }</pre>
 */
final class DatabaseProvider {
    static final String ENDPOINT = "database";
    /**
     * What {@code SELECT version()} gives in the charmed-mysql rock the 8.0 track runs (rock
     * version 8.0.44 in the charm's src/dependency.json, built from Ubuntu 22.04's packages).
     */
    static final String VERSION = "8.0.44-0ubuntu0.22.04.1";
    static final int PORT = 3306;
    static final int PASSWORD_LENGTH = 24;
    /** The fields of the secret group "user" that mysql-k8s sets (it never sets uris for MySQL). */
    static final List<String> USER_SECRET_FIELDS = List.of("username", "password");
    private static final String LETTERS_AND_DIGITS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** The databases mysql.py's get_non_system_databases leaves out: asking for one fails its CREATE DATABASE. */
    private static final List<String> SYSTEM_DATABASES = List.of("information_schema", "mysql",
            "mysql_innodb_cluster_metadata", "performance_schema", "sys");
    private final Model model;

    DatabaseProvider(Model model) {
        this.model = model;
    }

    /**
     * Leader only (the library ignores the requests elsewhere): records and answers each
     * relation's request. A database name MySQL refuses blocks as the real charm's failed
     * {@code CREATE DATABASE} does, after the other relations were answered.
     *
     * @throws StatusException Blocked "Failed to create scoped user" for a name MySQL refuses
     * @throws IllegalStateException {@code requested-secrets} that is not JSON: the library's
     *     {@code json.loads} raises out of the real charm's hook, so the hook fails and Juju retries
     */
    void answerAll() throws StatusException {
        if (!model.isLeader()) {
            return;
        }
        List<String> refused = new ArrayList<>();
        for (Relation relation : model.relations(ENDPOINT)) {
            DataBag theirs = relation.remoteApp();
            Map<String, String> requested = new LinkedHashMap<>(theirs.asMap());
            requested.remove("data");
            DataBag mine = relation.localApp();
            if (changedHookOf(relation)) {
                mine.put("data", PythonJson.dumps(requested));
            }
            Optional<String> database = Optional.ofNullable(requested.get("database"));
            if (database.isPresent() && mine.get("database").isEmpty()) {
                if (refusedByMysql(database.get())) {
                    // mysql.py's create_database logs this, then the provider logs the failure and blocks.
                    model.log().error("Failed to create application database " + database.get());
                    model.log().error("Failed to set up database relation");
                    refused.add(database.get());
                    continue;
                }
                answer(relation, database.get(), theirs, mine);
            }
        }
        if (!refused.isEmpty()) {
            throw StatusException.blocked("Failed to create scoped user");
        }
    }

    /**
     * What MySQL 8.0 refuses in {@code CREATE DATABASE `<name>`}: a name over 64 characters or
     * ending in a space, a backtick or NUL (which end the quoted name), or a system database,
     * which exists already.
     */
    static boolean refusedByMysql(String name) {
        return name.length() > 64 || name.endsWith(" ") || name.contains("`") || name.contains("\0")
                || SYSTEM_DATABASES.contains(name);
    }

    private boolean changedHookOf(Relation relation) {
        return model.context().hookName().equals(ENDPOINT + "-relation-changed")
                && model.eventRelation().map(r -> r.id() == relation.id()).orElse(false);
    }

    private void answer(Relation relation, String database, DataBag theirs, DataBag mine) {
        String user = username(relation.id());
        String password = RANDOM.ints(PASSWORD_LENGTH, 0, LETTERS_AND_DIGITS.length())
                .collect(StringBuilder::new, (sb, i) -> sb.append(LETTERS_AND_DIGITS.charAt(i)), StringBuilder::append)
                .toString();
        Map<String, String> credentials = new LinkedHashMap<>();
        credentials.put("username", user);
        credentials.put("password", password);
        Map<String, String> inSecret = new LinkedHashMap<>();
        List<?> listed = requestedSecrets(relation, theirs);
        List<?> wanted = secretsEnabled() ? listed : List.of();
        credentials.forEach((k, v) -> {
            if (wanted.contains(k)) {
                inSecret.put(k, v);
            } else {
                mine.put(k, v);
            }
        });
        if (!inSecret.isEmpty()) {
            Secret secret = model.secrets().addForApp(inSecret, ENDPOINT + "." + relation.id() + ".user.secret");
            secret.grant(relation);
            mine.put("secret-user", secret.id());
        }
        String namespace = model.name(); // a Juju Kubernetes model is its namespace
        mine.put("endpoints", service("primary", namespace) + ":" + PORT);
        mine.put("read-only-endpoints", service("replicas", namespace) + ":" + PORT);
        mine.put("version", VERSION);
        mine.put("database", database);
        model.log().info("Created user for app " + relation.remoteAppName().orElse("?"));
    }

    /**
     * data_interfaces' {@code get_encoded_list(relation, app, "requested-secrets")}: JSON that is
     * not a list is logged and taken as none (the credentials then go in the bag); text that is
     * not JSON raises, failing the hook.
     */
    private List<?> requestedSecrets(Relation relation, DataBag theirs) {
        Object listed;
        try {
            listed = JSON.readValue(theirs.get("requested-secrets").orElse("[]"), Object.class);
        } catch (JacksonException e) {
            throw new IllegalStateException("json.decoder.JSONDecodeError: requested-secrets from "
                    + relation.remoteAppName().orElse("?") + " is not JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (listed instanceof List<?> l) {
            return l;
        }
        model.log().error("Unexpected datatype for " + listed + " instead of list.");
        return List.of();
    }

    /** {@code relation-<id>_<uuid without dashes>}, cut to MySQL's limit as the charm cuts it. */
    String username(int relationId) {
        String full = "relation-" + relationId + "_" + model.uuid().replace("-", "");
        return full.substring(0, Math.min(26, full.length()));
    }

    /**
     * The charm's {@code dotappend(socket.getfqdn("<app>-<role>"))}: in the pod, the resolver's
     * search list makes the Service name {@code <name>.<namespace>.svc.cluster.local}, then a dot
     * is appended.
     */
    private String service(String role, String namespace) {
        return model.app().name() + "-" + role + "." + namespace + ".svc.cluster.local.";
    }

    /** ops' JujuVersion.has_secrets: Juju 3.0.3 and later (3.0.3 fixed secret observer labels). */
    private boolean secretsEnabled() {
        String[] v = model.context().jujuVersion().split("[.-]");
        int major = Integer.parseInt(v[0]);
        int minor = v.length > 1 ? Integer.parseInt(v[1]) : 0;
        int patch = v.length > 2 && v[2].matches("\\d+") ? Integer.parseInt(v[2]) : 0;
        return major > 3 || major == 3 && (minor > 0 || patch >= 3);
    }
}
