package io.jcharm.charms.seldoncore;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the webhook's CA and serving certificate with Bouncy Castle: ECDSA P-256 keys (fast to
 * make in a hook, and accepted by the API server and by controller-runtime), valid ten years,
 * the serving certificate naming {@code seldon-webhook-service} in every form the API server may
 * use to reach it.
 *
 * <pre>{@code
 * WebhookCerts certs = WebhookCertIssuer.issue("kubeflow", Instant.now(), new SecureRandom());
 * }</pre>
 *
 * <p>The CA's key is not kept: nothing re-issues from it, and a key that is not stored cannot
 * leak. Keys come from the JDK; Bouncy Castle only builds and signs the certificates, with the
 * JDK's providers, so no provider is registered globally.
 */
final class WebhookCertIssuer {
    static final Duration VALIDITY = Duration.ofDays(3650);
    /** Accepts a clock a little behind ours (the API server's or a node's). */
    static final Duration BACKDATE = Duration.ofHours(1);

    private WebhookCertIssuer() {
    }

    /** The DNS names the serving certificate holds for a Service in {@code namespace}. */
    static String[] dnsNames(String namespace) {
        String svc = OperatorObjects.WEBHOOK_SERVICE;
        return new String[] {svc, svc + "." + namespace, svc + "." + namespace + ".svc",
                svc + "." + namespace + ".svc.cluster.local"};
    }

    /** A new CA and a serving certificate it signed. */
    static WebhookCerts issue(String namespace, Instant now, SecureRandom random) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair ca = gen.generateKeyPair();
            KeyPair server = gen.generateKeyPair();
            Date notBefore = Date.from(now.minus(BACKDATE));
            Date notAfter = Date.from(now.plus(VALIDITY));
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();

            X500Name caName = new X500Name("CN=seldon-webhook-ca." + namespace);
            X509v3CertificateBuilder caBuilder = new JcaX509v3CertificateBuilder(caName, serial(random), notBefore,
                    notAfter, caName, ca.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(ca.getPublic()));
            X509CertificateHolder caCert = caBuilder.build(signer(ca));

            String[] names = dnsNames(namespace);
            GeneralName[] sans = new GeneralName[names.length];
            for (int i = 0; i < names.length; i++) {
                sans[i] = new GeneralName(GeneralName.dNSName, names[i]);
            }
            X509v3CertificateBuilder serverBuilder = new JcaX509v3CertificateBuilder(caName, serial(random), notBefore,
                    notAfter, new X500Name("CN=" + names[2]), server.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(server.getPublic()))
                    .addExtension(Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca.getPublic()));
            X509CertificateHolder serverCert = serverBuilder.build(signer(ca));

            return new WebhookCerts(pem("CERTIFICATE", caCert.getEncoded()), pem("CERTIFICATE", serverCert.getEncoded()),
                    // PKCS#8 ("PRIVATE KEY"), which Go's tls.X509KeyPair reads for any key type.
                    pem("PRIVATE KEY", server.getPrivate().getEncoded()));
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            // IOException: Bouncy Castle's CertIOException while encoding an extension.
            throw new IllegalStateException("cannot issue the webhook certificates for namespace " + namespace
                    + " (this JDK lacks EC P-256 or SHA256withECDSA?): " + e.getMessage(), e);
        }
    }

    private static org.bouncycastle.operator.ContentSigner signer(KeyPair issuer) throws OperatorCreationException {
        return new JcaContentSignerBuilder("SHA256withECDSA").build(issuer.getPrivate());
    }

    /** A positive random serial of up to 159 bits, as RFC 5280 allows (at most 20 octets). */
    private static BigInteger serial(SecureRandom random) {
        return new BigInteger(159, random).add(BigInteger.ONE);
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
