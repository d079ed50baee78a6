package io.jcharm.charms.kfp;

import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.jcharm.kubernetes.KubeOptions;
import io.jcharm.kubernetes.RetryPolicy;
import io.jcharm.kubernetes.testing.MockCluster;
import io.jcharm.pebble.layer.Service;
import io.jcharm.s3.server.S3Server;
import io.jcharm.testing.ContainerState;
import io.jcharm.testing.Context;
import io.jcharm.testing.RelationState;
import io.jcharm.testing.SecretState;
import io.jcharm.testing.State;
import io.jcharm.testing.faults.FaultChecks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the kfp tests share: a mock API server holding the application's Service and answering
 * TokenRequests, a real S3 server standing in for MinIO, a leader in model {@value #NS} (not
 * "kubeflow") with all seven containers reachable, and the two required relations as mysql-k8s
 * and minio send them.
 *
 * <pre>{@code
 * KfpFixture f = new KfpFixture(tmp, s3);
 * State out = f.ctx.run(Events.configChanged(), f.related());
 * }</pre>
 */
final class KfpFixture implements AutoCloseable {
    static final String NS = "pipelines";
    static final String APP = "kfp";
    static final String DB_PASSWORD = "Db-pass-7f3";
    static final String S3_KEY = "minio-secret-456";
    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.sa-token";
    static final KubeOptions FAST = KubeOptions.DEFAULT.withPollInterval(Duration.ofMillis(10))
            .withRetry(new RetryPolicy(2, Duration.ofMillis(1), 1.0, Duration.ofMillis(1)))
            .withCrdTimeout(Duration.ofSeconds(10));
    /** Every secret value the charm holds: MySQL's password, the S3 key and the service-account token. */
    static final List<String> SECRETS = List.of(DB_PASSWORD, S3_KEY, TOKEN);
    final MockCluster cluster;
    final Context ctx = Context.of(() -> new KfpCharm(FAST));
    final State leader;
    final S3Server s3;
    final SecretState dbUser = SecretState.granted(Map.of("username", "relation-9", "password", DB_PASSWORD));
    final RelationState mysql;
    final RelationState storage;
    /** The peer relation Juju makes with the application, where the leader keeps the application's records. */
    final RelationState peers = RelationState.peer(AppRecords.PEERS, APP, List.of());

    KfpFixture(Path tmp, S3Server s3) {
        this(tmp, s3, 201);
    }

    /** {@code tokenAnswer}: 201 answers TokenRequests; another HTTP code refuses them (403: deployed without --trust). */
    KfpFixture(Path tmp, S3Server s3, int tokenAnswer) {
        this.s3 = s3;
        cluster = new MockCluster(tmp);
        cluster.jujuService(NS, APP);
        String tokenPath = "/api/v1/namespaces/" + NS + "/serviceaccounts/" + APP + "/token";
        if (tokenAnswer == 201) {
            cluster.server.expect().post().withPath(tokenPath).andReturn(201, new TokenRequestBuilder().withNewStatus()
                    .withToken(TOKEN).withExpirationTimestamp(Instant.now().plusSeconds(48 * 3600).toString())
                    .endStatus().build()).always();
        } else {
            cluster.server.expect().post().withPath(tokenPath).andReturn(tokenAnswer, new StatusBuilder()
                    .withCode(tokenAnswer).withMessage(tokenAnswer == 403 ? "forbidden" : "TokenRequest is invalid").build())
                    .always();
        }
        State base = State.empty().withLeader(true).withModel(NS, "5f1c7e2a-0000-4000-8000-0000000000c4")
                .withEnvironment(cluster.env()).withRelation(peers);
        for (String c : Workloads.CONTAINERS) {
            base = base.withContainer(ContainerState.reachable(c));
        }
        leader = base;
        mysql = RelationState.of("relational-db", "mysql-k8s").withRemoteAppData(Map.of("database", "mlpipeline",
                "endpoints", "mysql-k8s-primary." + NS + ".svc.cluster.local:3306", "version", "8.0.41",
                "secret-user", dbUser.id()));
        // What minio sends without a namespace, pointing at the S3 server: the host is "localhost".
        storage = RelationState.of("object-storage", "minio").withRemoteAppData(Map.of("_supported_versions", "- v1\n",
                "data", "access-key: minio\nport: " + s3.port() + "\nsecret-key: " + S3_KEY
                        + "\nsecure: false\nservice: localhost\n"));
    }

    /** The leader with relational-db and object-storage related and answered. */
    State related() {
        return leader.withRelation(mysql).withSecret(dbUser).withRelation(storage);
    }

    /**
     * A user's Argo Workflow and recurring run (ScheduledWorkflow), made after an install applied
     * the CRDs; returns what no fault may touch: those two and the CRDs holding them.
     */
    Map<String, String> addUserObjects() {
        userObject("argoproj.io", "v1alpha1", "Workflow", "workflows", "users-train");
        userObject("kubeflow.org", "v1beta1", "ScheduledWorkflow", "scheduledworkflows", "users-nightly");
        Map<String, String> users = new TreeMap<>();
        cluster.objects().forEach((k, v) -> {
            if (k.endsWith("/" + NS + "/users-train") || k.endsWith("/" + NS + "/users-nightly")
                    || k.contains("/CustomResourceDefinition/")) {
                users.put(k, v);
            }
        });
        return users;
    }

    private void userObject(String group, String version, String kind, String plural, String name) {
        ResourceDefinitionContext rd = new ResourceDefinitionContext.Builder().withGroup(group).withVersion(version)
                .withKind(kind).withPlural(plural).withNamespaced(true).build();
        cluster.admin.genericKubernetesResources(rd).inNamespace(NS).resource(new GenericKubernetesResourceBuilder()
                .withApiVersion(group + "/" + version).withKind(kind).withNewMetadata().withName(name).withNamespace(NS)
                .endMetadata().addToAdditionalProperties("spec", Map.of("entrypoint", "main")).build()).create();
    }

    /**
     * No secret value shows where an operator reads it: logs, statuses, action output, relation
     * bags, stored state, the services' commands, the commands run, and every Kubernetes object
     * but the Secrets (mlpipeline-minio-artifact hands the S3 key to pipeline pods: its purpose).
     * The plans' environment is left out: it is how the API server and the UI take their
     * credentials, as upstream's images read them.
     */
    void assertNoSecretShown(State out) {
        List<String> texts = new ArrayList<>();
        cluster.objects().forEach((k, v) -> {
            if (!k.contains("/Secret/")) {
                texts.add(v);
            }
        });
        for (ContainerState c : out.containers()) {
            c.plan().ifPresent(p -> p.services().values().forEach(svc -> texts.add(svc.command())));
            texts.add(c.execHistory().toString());
        }
        FaultChecks.assertNoSecretIn(out.withContainers(List.of()), SECRETS, texts);
    }

    /** The one service of a container's plan. */
    static Service service(State out, String container) {
        return out.container(container).planOrFail().services().get(container);
    }

    /** The containers as the next hook sees them (plans and files kept). */
    static State carried(State out) {
        State next = out;
        for (String c : Workloads.CONTAINERS) {
            next = next.withContainer(out.container(c).carriedOver());
        }
        return next;
    }

    static List<String> containers() {
        return Workloads.CONTAINERS;
    }

    @Override
    public void close() {
        cluster.close();
    }
}
