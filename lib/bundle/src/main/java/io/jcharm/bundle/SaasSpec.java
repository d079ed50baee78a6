package io.jcharm.bundle;

/**
 * A consumed offer ({@code saas:} entry) for a cross-model relation.
 *
 * <pre>{@code
 * new SaasSpec("admin/cos.prometheus")
 * }</pre>
 */
public record SaasSpec(String url) {
}
