package io.jcharm.kubernetes.certs;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Issues the webhook's CA and serving certificate: ECDSA P-256 keys (fast to make in a hook, and
 * accepted by the API server, controller-runtime and Go's crypto/tls), valid ten years, the
 * serving certificate naming the webhook's Service in every form the API server may use to reach it.
 *
 * <pre>{@code
 * WebhookCerts certs = WebhookCertIssuer.issue("seldon-webhook-ca", "seldon-webhook-service", "kubeflow",
 *         Instant.now(), new SecureRandom());
 * }</pre>
 *
 * <p>Keys and signatures come from the JDK; the certificates are DER-encoded by {@link Der}
 * (RFC 5280 profile: v3, ecdsa-with-SHA256, key identifiers by SHA-1 of the key bits). The CA's
 * key is not kept: nothing re-issues from it, and a key that is not stored cannot leak.
 */
public final class WebhookCertIssuer {
    static final Duration VALIDITY = Duration.ofDays(3650);
    /** Accepts a clock a little behind ours (the API server's or a node's). */
    static final Duration BACKDATE = Duration.ofHours(1);
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String SUBJECT_KEY_IDENTIFIER = "2.5.29.14";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String AUTHORITY_KEY_IDENTIFIER = "2.5.29.35";
    private static final String EXTENDED_KEY_USAGE = "2.5.29.37";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    /** KeyUsage bit numbers (RFC 5280 4.2.1.3). */
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private WebhookCertIssuer() {
    }

    /** The DNS names the serving certificate holds for Service {@code svc} in {@code namespace}. */
    public static String[] dnsNames(String svc, String namespace) {
        return new String[] {svc, svc + "." + namespace, svc + "." + namespace + ".svc",
                svc + "." + namespace + ".svc.cluster.local"};
    }

    /**
     * A new CA (common name {@code <caName>.<namespace>}) and a serving certificate it signed for
     * Service {@code service} in {@code namespace}.
     */
    public static WebhookCerts issue(String caName, String service, String namespace, Instant now, SecureRandom random) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair ca = gen.generateKeyPair();
            KeyPair server = gen.generateKeyPair();
            Instant notBefore = now.minus(BACKDATE);
            Instant notAfter = now.plus(VALIDITY);
            byte[] caDn = name(caName + "." + namespace);
            byte[] caKeyId = keyIdentifier(ca.getPublic());

            byte[] caCert = sign(ca, Der.sequence(
                    version3(), Der.integer(serial(random)), algorithm(), caDn,
                    Der.sequence(Der.time(notBefore), Der.time(notAfter)), caDn, ca.getPublic().getEncoded(),
                    extensions(
                            extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true), Der.integer(0))),
                            extension(KEY_USAGE, true, Der.namedBits(KEY_CERT_SIGN, CRL_SIGN)),
                            extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(caKeyId)))));

            String[] names = dnsNames(service, namespace);
            List<byte[]> sans = new ArrayList<>();
            for (String n : names) {
                sans.add(Der.implicitPrimitive(2, n.getBytes(StandardCharsets.US_ASCII))); // dNSName, an IA5String
            }
            byte[] serverCert = sign(ca, Der.sequence(
                    version3(), Der.integer(serial(random)), algorithm(), caDn,
                    Der.sequence(Der.time(notBefore), Der.time(notAfter)), name(names[2]), server.getPublic().getEncoded(),
                    extensions(
                            // cA defaults to false, and DER leaves defaults out: an empty SEQUENCE.
                            extension(BASIC_CONSTRAINTS, true, Der.sequence()),
                            extension(KEY_USAGE, true, Der.namedBits(DIGITAL_SIGNATURE)),
                            extension(EXTENDED_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
                            extension(SUBJECT_ALT_NAME, false, Der.sequence(sans.toArray(byte[][]::new))),
                            extension(SUBJECT_KEY_IDENTIFIER, false, Der.octetString(keyIdentifier(server.getPublic()))),
                            extension(AUTHORITY_KEY_IDENTIFIER, false, Der.sequence(Der.implicitPrimitive(0, caKeyId))))));

            return new WebhookCerts(pem("CERTIFICATE", caCert), pem("CERTIFICATE", serverCert),
                    // PKCS#8 ("PRIVATE KEY"), which Go's tls.X509KeyPair reads for any key type.
                    pem("PRIVATE KEY", server.getPrivate().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot issue the webhook certificates for namespace " + namespace
                    + " (this JDK lacks EC P-256 or SHA256withECDSA?): " + e.getMessage(), e);
        }
    }

    /** Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }. */
    private static byte[] sign(KeyPair issuer, byte[] tbs) throws GeneralSecurityException {
        Signature s = Signature.getInstance("SHA256withECDSA");
        s.initSign(issuer.getPrivate());
        s.update(tbs);
        // The JDK's ECDSA signature is already the DER SEQUENCE { r, s } that X.509 carries.
        return Der.sequence(tbs, algorithm(), Der.bitString(s.sign()));
    }

    private static byte[] version3() {
        return Der.explicit(0, Der.integer(2));
    }

    /** ecdsa-with-SHA256, whose parameters are absent (RFC 5758 3.2). */
    private static byte[] algorithm() {
        return Der.sequence(Der.oid(ECDSA_WITH_SHA256));
    }

    /** A Name with one CN, as UTF8String. */
    private static byte[] name(String commonName) {
        return Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    }

    private static byte[] extensions(byte[]... extensions) {
        return Der.explicit(3, Der.sequence(extensions));
    }

    /** Extension ::= SEQUENCE { extnID, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }. */
    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octetString(value))
                : Der.sequence(Der.oid(oid), Der.octetString(value));
    }

    /** RFC 5280 4.2.1.2, method 1: SHA-1 of the subjectPublicKey bits. */
    private static byte[] keyIdentifier(PublicKey key) throws GeneralSecurityException {
        return MessageDigest.getInstance("SHA-1").digest(Der.publicKeyBits(key.getEncoded()));
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
