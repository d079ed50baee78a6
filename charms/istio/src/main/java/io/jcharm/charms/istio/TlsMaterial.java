package io.jcharm.charms.istio;

/**
 * The gateway's certificate chain and private key (PEM), from the {@code tls-secret-id} Juju
 * secret; {@link #toString()} never shows them.
 *
 * <pre>{@code
 * TlsMaterial tls = new TlsMaterial(content.get("tls-crt"), content.get("tls-key"));
 * }</pre>
 */
public record TlsMaterial(String certificate, String key) {

    @Override
    public String toString() {
        return "TlsMaterial[certificate=<" + certificate.length() + " chars>, key=<redacted>]";
    }
}
