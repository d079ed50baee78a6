package io.jcharm.charms.kfp;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaPropsBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The custom resource definitions Kubeflow Pipelines and Argo need, in the minimal form upstream
 * ships for production (spec and status kept as given, no schema validation): kubeflow/pipelines
 * 2.5.0 manifests/kustomize/base/pipeline/cluster-scoped/scheduled-workflow-crd.yaml and Argo
 * v3.5.14's base/crds/minimal, as vendored there. No status subresource: Argo and the
 * scheduled-workflow controller write status with the object. KFP's Viewer CRD is left out: this
 * charm runs no viewer controller.
 *
 * <pre>{@code
 * Crds.of(true);   // ScheduledWorkflow and Argo's eight
 * Crds.of(false);  // ScheduledWorkflow only: an external Argo brings its own
 * }</pre>
 */
final class Crds {
    static final String ARGO_GROUP = "argoproj.io";
    static final String KUBEFLOW_GROUP = "kubeflow.org";

    /** kind, plural, short names (comma-separated), cluster-scoped. */
    private record Kind(String group, String version, String kind, String plural, String shortNames, boolean cluster) {
    }

    private static final List<Kind> ARGO = List.of(
            new Kind(ARGO_GROUP, "v1alpha1", "Workflow", "workflows", "wf", false),
            new Kind(ARGO_GROUP, "v1alpha1", "WorkflowTemplate", "workflowtemplates", "wftmpl", false),
            new Kind(ARGO_GROUP, "v1alpha1", "CronWorkflow", "cronworkflows", "cwf,cronwf", false),
            new Kind(ARGO_GROUP, "v1alpha1", "ClusterWorkflowTemplate", "clusterworkflowtemplates", "clusterwftmpl,cwft", true),
            new Kind(ARGO_GROUP, "v1alpha1", "WorkflowEventBinding", "workfloweventbindings", "wfeb", false),
            new Kind(ARGO_GROUP, "v1alpha1", "WorkflowTaskSet", "workflowtasksets", "wfts", false),
            new Kind(ARGO_GROUP, "v1alpha1", "WorkflowTaskResult", "workflowtaskresults", "", false),
            new Kind(ARGO_GROUP, "v1alpha1", "WorkflowArtifactGCTask", "workflowartifactgctasks", "wfat", false));
    private static final Kind SCHEDULED_WORKFLOW = new Kind(KUBEFLOW_GROUP, "v1beta1", "ScheduledWorkflow",
            "scheduledworkflows", "swf", false);

    private Crds() {
    }

    static List<CustomResourceDefinition> of(boolean managedArgo) {
        List<CustomResourceDefinition> out = new ArrayList<>();
        out.add(crd(SCHEDULED_WORKFLOW));
        if (managedArgo) {
            ARGO.forEach(k -> out.add(crd(k)));
        }
        return out;
    }

    private static CustomResourceDefinition crd(Kind k) {
        JSONSchemaProps open = new JSONSchemaPropsBuilder().withType("object").withXKubernetesPreserveUnknownFields(true)
                .withXKubernetesMapType("atomic").build();
        JSONSchemaProps schema = new JSONSchemaPropsBuilder().withType("object")
                .withProperties(Map.of("apiVersion", new JSONSchemaPropsBuilder().withType("string").build(),
                        "kind", new JSONSchemaPropsBuilder().withType("string").build(),
                        "metadata", new JSONSchemaPropsBuilder().withType("object").build(),
                        "spec", open, "status", open))
                .withRequired("metadata", "spec").build();
        List<String> shortNames = k.shortNames().isEmpty() ? List.of() : List.of(k.shortNames().split(","));
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName(k.plural() + "." + k.group()).endMetadata()
                .withNewSpec().withGroup(k.group()).withScope(k.cluster() ? "Cluster" : "Namespaced")
                .withNewNames().withKind(k.kind()).withListKind(k.kind() + "List").withPlural(k.plural())
                .withSingular(k.kind().toLowerCase(java.util.Locale.ROOT)).withShortNames(shortNames).endNames()
                .addNewVersion().withName(k.version()).withServed(true).withStorage(true)
                .withNewSchema().withOpenAPIV3Schema(schema).endSchema()
                .endVersion().endSpec().build();
    }
}
