/**
 * Admission webhook certificates for sidecar charms: a CA and serving certificate issued by the
 * JDK ({@link io.jcharm.kubernetes.certs.WebhookCertIssuer}), kept once per application in an
 * application-owned Juju secret ({@link io.jcharm.kubernetes.certs.WebhookCertsComponent}) and
 * pushed where the webhook server reads them ({@link io.jcharm.kubernetes.certs.CertFilesComponent}).
 */
package io.jcharm.kubernetes.certs;
