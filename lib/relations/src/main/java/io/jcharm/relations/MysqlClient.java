package io.jcharm.relations;

import io.jcharm.core.DataBag;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.Secrets;
import io.jcharm.core.StatusException;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretPermissionDeniedException;
import java.util.Map;
import java.util.Optional;

/**
 * The requirer side of {@code mysql_client} as Canonical's data_platform_libs data_interfaces
 * library speaks it with mysql-k8s: the leader asks for a database (and for the credentials as a
 * Juju secret); the provider answers with {@code endpoints}, {@code version}, {@code database}
 * and either {@code secret-user} (a secret holding {@code username}, {@code password},
 * {@code uris}) or, from providers without secrets, plain {@code username}/{@code password}.
 *
 * <pre>{@code
 * MysqlClient.request(relation, "mlflow");                      // leader, on every hook
 * Optional<MysqlClient> db = MysqlClient.read(model, relation);  // once the provider answered
 * db.get().host();                                               // "mysql-k8s-primary.kubeflow.svc.cluster.local"
 * }</pre>
 *
 * @param endpoints {@code host:port[,host:port...]} as the provider wrote them
 */
public record MysqlClient(String database, String endpoints, String username, String password, Optional<String> version) {

    /** Every field the requirer asks to receive through Juju secrets, as the library lists them. */
    static final String REQUESTED_SECRETS = "[\"username\", \"password\", \"tls\", \"tls-ca\", \"uris\"]";
    static final String SECRET_USER = "secret-user";

    /** The first endpoint's host (mlflow-server and kfp-api use only the first). */
    public String host() {
        return first().substring(0, first().lastIndexOf(':'));
    }

    /** The first endpoint's port. */
    public int port() {
        return Integer.parseInt(first().substring(first().lastIndexOf(':') + 1));
    }

    private String first() {
        return endpoints.split(",")[0].strip();
    }

    /** Requirer side (leader only; a no-op elsewhere): asks for {@code database}. */
    public static void request(Relation relation, String database) {
        DataBag mine = relation.localApp();
        if (mine.writable()) {
            mine.put("database", database);
            mine.put("requested-secrets", REQUESTED_SECRETS);
        }
    }

    /**
     * The credentials and endpoints, empty until the provider has sent both.
     *
     * @throws StatusException blocked when the endpoints are malformed or the credentials secret cannot be read
     */
    public static Optional<MysqlClient> read(Model model, Relation relation) throws StatusException {
        DataBag theirs = relation.remoteApp();
        Optional<String> endpoints = theirs.get("endpoints");
        Optional<String> secretId = theirs.get(SECRET_USER);
        Optional<String> plainUser = theirs.get("username");
        if (endpoints.isEmpty() || (secretId.isEmpty() && plainUser.isEmpty())) {
            return Optional.empty();
        }
        String remote = relation.remoteAppName().orElse("?");
        String first = endpoints.get().split(",")[0].strip();
        int colon = first.lastIndexOf(':');
        if (colon <= 0 || !first.substring(colon + 1).matches("[0-9]{1,5}")) {
            throw StatusException.blocked("Incorrect data found in relation " + relation.endpoint() + ": endpoints \""
                    + endpoints.get() + "\" from " + remote + " is not host:port");
        }
        String user;
        String password;
        if (secretId.isPresent()) {
            if (!Secrets.isSecretId(secretId.get())) {
                throw StatusException.blocked("Incorrect data found in relation " + relation.endpoint() + ": "
                        + SECRET_USER + " from " + remote + " is not a Juju secret id");
            }
            Map<String, String> content;
            try {
                content = model.secrets().byId(secretId.get()).refresh();
            } catch (SecretPermissionDeniedException e) {
                throw StatusException.blocked("the " + SECRET_USER + " secret " + secretId.get() + " from " + remote
                        + " is not readable: it was not granted to " + model.app().name());
            } catch (SecretNotFoundException e) {
                // Removed by its owner: granting cannot help; the provider must send a new one.
                throw StatusException.blocked("the " + SECRET_USER + " secret " + secretId.get() + " from " + remote
                        + " is not found (removed?): wait for " + remote + " to send a new one, or remove and add the "
                        + relation.endpoint() + " relation again");
            }
            user = content.get("username");
            password = content.get("password");
            if (user == null || password == null) {
                throw StatusException.blocked("Incorrect data found in relation " + relation.endpoint() + ": the "
                        + SECRET_USER + " secret from " + remote + " lacks " + (user == null ? "username" : "password"));
            }
        } else {
            user = plainUser.get();
            password = theirs.get("password").orElseThrow(() -> StatusException.blocked("Incorrect data found in relation "
                    + relation.endpoint() + ": " + remote + " sent a username without a password"));
        }
        String database = theirs.get("database").orElse(relation.localApp().writable()
                ? relation.localApp().get("database").orElse("") : "");
        return Optional.of(new MysqlClient(database, endpoints.get(), user, password, theirs.get("version")));
    }

    /** Never the password. */
    @Override
    public String toString() {
        return "MysqlClient[" + username + "@" + endpoints + "/" + database + ", password ***]";
    }
}
