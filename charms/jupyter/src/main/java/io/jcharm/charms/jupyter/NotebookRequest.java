package io.jcharm.charms.jupyter;

import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * create-notebook's parameters, checked: a name Kubernetes and the controller accept, CPU and
 * memory quantities (limits are 1.2 times the requests, the spawner's limitFactor), GPUs, and
 * the workspace volume's size ("" for none).
 *
 * <pre>{@code
 * NotebookRequest r = NotebookRequest.of("scratch", "kubeflownotebookswg/jupyter-scipy:v1.10.0", "0.5", "1Gi", 0, "5Gi");
 * r.cpuLimit();  // "0.6"
 * }</pre>
 */
record NotebookRequest(String name, String image, String cpu, String memory, int gpu, String workspaceSize) {
    /** The controller names the StatefulSet after the notebook and its pod {@code <name>-0}; 52 leaves room. */
    static final int MAX_NAME = 52;
    static final BigDecimal LIMIT_FACTOR = new BigDecimal("1.2");

    /**
     * A checked request.
     *
     * @throws IllegalArgumentException naming the parameter and what would be right
     */
    static NotebookRequest of(String name, String image, String cpu, String memory, int gpu, String workspaceSize) {
        if (name == null || name.length() > MAX_NAME || !name.matches(JupyterConfig.DNS_LABEL)) {
            throw new IllegalArgumentException("name \"" + name + "\" must be lowercase letters, digits and dashes,"
                    + " starting and ending with a letter or digit, at most " + MAX_NAME + " characters");
        }
        if (image == null || !image.matches("[A-Za-z0-9][A-Za-z0-9._/:@-]*")) {
            throw new IllegalArgumentException("image \"" + image + "\" is not an image reference such as"
                    + " kubeflownotebookswg/jupyter-scipy:v1.10.0");
        }
        amount("cpu", cpu);
        amount("memory", memory);
        if (gpu < 0) {
            throw new IllegalArgumentException("gpu must be 0 or more, got " + gpu);
        }
        if (!workspaceSize.isEmpty()) {
            amount("workspace-size", workspaceSize);
        }
        return new NotebookRequest(name, image, cpu, memory, gpu, workspaceSize);
    }

    private static BigDecimal amount(String param, String value) {
        try {
            BigDecimal v = Quantity.getAmountInBytes(new Quantity(value));
            if (v.signum() <= 0) {
                throw new IllegalArgumentException(param + " must be more than 0, got " + value);
            }
            return v;
        } catch (IllegalArgumentException | ArithmeticException e) {
            if (e.getMessage() != null && e.getMessage().startsWith(param + " ")) {
                throw e;
            }
            throw new IllegalArgumentException(param + " \"" + value + "\" is not a Kubernetes quantity such as 0.5,"
                    + " 500m, 1Gi or 512Mi");
        }
    }

    /** 1.2 times the CPU request, in cores. */
    String cpuLimit() {
        return amount("cpu", cpu).multiply(LIMIT_FACTOR).setScale(3, RoundingMode.UP).stripTrailingZeros().toPlainString();
    }

    /** 1.2 times the memory request, in bytes. */
    String memoryLimit() {
        return amount("memory", memory).multiply(LIMIT_FACTOR).setScale(0, RoundingMode.UP).toPlainString();
    }

    /** The workspace volume's claim: {@code <name>-workspace}, as the spawner names it. */
    String workspaceClaim() {
        return name + "-workspace";
    }
}
