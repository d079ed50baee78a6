package io.jcharm.charms.mlflow;

import io.jcharm.core.Component;
import io.jcharm.core.Container;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.pebble.PushOptions;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the MySQL credentials file ({@value BackendStore#MY_CNF}, mode 0600) in the workload
 * while the server runs on MySQL, and removes it otherwise.
 *
 * <pre>{@code
 * new DbCredentialsComponent(choice, container);
 * }</pre>
 */
final class DbCredentialsComponent implements Component<Void> {
    private final Component<BackendChoice.Choice> choice;
    private final Component<Container> container;

    DbCredentialsComponent(Component<BackendChoice.Choice> choice, Component<Container> container) {
        this.choice = choice;
        this.container = container;
    }

    @Override
    public String name() {
        return "db-credentials";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(choice, container);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        Container c = inputs.get(container);
        Optional<String> wanted = inputs.get(choice).store().myCnf();
        Optional<String> current = c.pullTextIfExists(BackendStore.MY_CNF);
        if (wanted.isPresent() && !wanted.equals(current)) {
            c.push(BackendStore.MY_CNF, wanted.get().getBytes(StandardCharsets.UTF_8),
                    PushOptions.defaults().withMakeDirs().withPermissions(0600));
            model.log().info("wrote the MySQL credentials to " + BackendStore.MY_CNF);
        } else if (wanted.isEmpty() && current.isPresent()) {
            c.remove(BackendStore.MY_CNF, false);
            model.log().info("removed " + BackendStore.MY_CNF + ": the server does not use MySQL");
        }
        return null;
    }
}
