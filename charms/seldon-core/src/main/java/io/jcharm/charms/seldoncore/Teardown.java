package io.jcharm.charms.seldoncore;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.kubernetes.KubernetesApiException;
import io.jcharm.kubernetes.KubernetesConfigException;
import io.jcharm.kubernetes.Kubernetes;

/**
 * The parts of the remove hook outside the operator's resource set: the SeldonDeployments
 * served through serve-model, and the manager's leader-election lock (a ConfigMap and a Lease
 * the manager makes itself, so they carry none of our labels). Failures are logged with what to
 * delete by hand: failing the remove hook would strand the application.
 *
 * <pre>{@code
 * Teardown.models(model, kube);
 * Teardown.leaderElection(model, kube);
 * }</pre>
 */
final class Teardown {
    /** Seldon 1.17's default leader election id: the name of its lock objects. */
    static final String LEADER_ELECTION_ID = "a33bd623.machinelearning.seldon.io";

    private Teardown() {
    }

    static void models(Model model, Kubernetes kube) {
        try {
            int n = new ModelActions(model, kube).removeAll().size();
            model.log().info("deleted " + n + " SeldonDeployment(s) served by " + model.app().name());
        } catch (StatusException | KubernetesApiException | KubernetesConfigException e) {
            String why = e instanceof StatusException se ? se.status().message() : e.getMessage();
            model.log().warning("could not delete the SeldonDeployments served by " + model.app().name() + ": "
                    + why + "; delete them by hand: kubectl delete sdep -A -l app.juju.is/created-by="
                    + model.app().name());
        }
    }

    static void leaderElection(Model model, Kubernetes kube) {
        try {
            String ns = kube.namespace();
            kube.client().configMaps().inNamespace(ns).withName(LEADER_ELECTION_ID).delete();
            kube.client().leases().inNamespace(ns).withName(LEADER_ELECTION_ID).delete();
        } catch (KubernetesClientException | KubernetesConfigException e) {
            model.log().warning("could not delete the manager's leader-election lock " + LEADER_ELECTION_ID + ": "
                    + e.getMessage() + "; delete it by hand: kubectl delete configmap,lease " + LEADER_ELECTION_ID);
        }
    }
}
