package io.jcharm.kubernetes.certs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The webhook certificates as the JDK's own X.509 and PKIX code read them (the same checks Go's
 * crypto/x509 makes in the API server and the manager), and the DER encodings against known
 * answers from X.690 and RFC 5280.
 */
class WebhookCertIssuerTest {
    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    private static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void theServingCertificateValidatesAgainstTheCaAsPkixDoesIt() throws Exception {
        WebhookCerts certs = WebhookCertIssuer.issue("seldon-webhook-ca", "seldon-webhook-service", "kubeflow", NOW, new SecureRandom());
        X509Certificate ca = parse(certs.caCrt());
        X509Certificate tls = parse(certs.tlsCrt());

        PKIXParameters params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        params.setDate(Date.from(NOW));
        CertificateFactory cf = CertificateFactory.getInstance("X.509");
        CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(tls)), params);

        params.setDate(Date.from(NOW.minus(WebhookCertIssuer.BACKDATE).minusSeconds(60)));
        assertThrows(CertPathValidatorException.class,
                () -> CertPathValidator.getInstance("PKIX").validate(cf.generateCertPath(List.of(tls)), params),
                "not valid before its backdated start");
    }

    @Test
    void extensionsAreTheRfc5280Profile() throws Exception {
        WebhookCerts certs = WebhookCertIssuer.issue("seldon-webhook-ca", "seldon-webhook-service", "kubeflow", NOW, new SecureRandom());
        X509Certificate ca = parse(certs.caCrt());
        X509Certificate tls = parse(certs.tlsCrt());

        assertEquals(3, ca.getVersion());
        assertEquals("SHA256withECDSA", tls.getSigAlgName());
        assertEquals("CN=seldon-webhook-ca.kubeflow", ca.getSubjectX500Principal().getName());
        assertEquals(ca.getSubjectX500Principal(), tls.getIssuerX500Principal());
        assertEquals("CN=seldon-webhook-service.kubeflow.svc", tls.getSubjectX500Principal().getName());
        assertEquals(0, ca.getBasicConstraints(), "a CA that signs no other CA");
        assertEquals(Set.of("2.5.29.15", "2.5.29.19"), ca.getCriticalExtensionOIDs());
        assertEquals(Set.of("2.5.29.15", "2.5.29.19"), tls.getCriticalExtensionOIDs());
        // keyCertSign (5) and cRLSign (6) for the CA; digitalSignature (0) only for the server.
        assertEquals(List.of(5, 6), setBits(ca.getKeyUsage()));
        assertEquals(List.of(0), setBits(tls.getKeyUsage()));
        assertEquals(BigInteger.ONE.signum(), tls.getSerialNumber().signum());
        assertEquals(NOW.plus(WebhookCertIssuer.VALIDITY), tls.getNotAfter().toInstant());

        // The server's authority key id is the CA's subject key id: OCTET STRING { SEQUENCE { [0] id } }.
        byte[] ski = Arrays.copyOfRange(ca.getExtensionValue("2.5.29.14"), 4, 24);
        byte[] aki = tls.getExtensionValue("2.5.29.35");
        assertEquals("041830168014" + hex(ski), hex(aki));
    }

    @Test
    void derEncodingsMatchKnownAnswers() {
        assertEquals("06082a8648ce3d040302", hex(Der.oid("1.2.840.10045.4.3.2")));
        assertEquals("0603551d11", hex(Der.oid("2.5.29.17")));
        assertEquals("03020106", hex(Der.namedBits(5, 6)));
        assertEquals("03020780", hex(Der.namedBits(0)));
        assertEquals("02020080", hex(Der.integer(128)));
        assertEquals("020100", hex(Der.integer(0)));
        assertEquals("3000", hex(Der.sequence()));
        assertEquals("0101ff", hex(Der.bool(true)));
        assertEquals("170d3336313132373132303030305a", hex(Der.time(Instant.parse("2036-11-27T12:00:00.5Z"))));
        assertEquals("180f32303530303130313030303030305a", hex(Der.time(Instant.parse("2050-01-01T00:00:00Z"))));
        byte[] big = new byte[300];
        assertEquals("0482012c", hex(Arrays.copyOf(Der.octetString(big), 4)));
        assertEquals("0481c8", hex(Arrays.copyOf(Der.octetString(new byte[200]), 3)));
        assertArrayEquals(new byte[] {1, 2, 3},
                Der.publicKeyBits(Der.sequence(Der.sequence(Der.oid("1.2.3")), Der.bitString(new byte[] {1, 2, 3}))));
        assertThrows(IllegalArgumentException.class, () -> Der.publicKeyBits(Der.octetString(new byte[] {1})));
    }

    private static List<Integer> setBits(boolean[] bits) {
        return java.util.stream.IntStream.range(0, bits.length).filter(i -> bits[i]).boxed().toList();
    }
}
