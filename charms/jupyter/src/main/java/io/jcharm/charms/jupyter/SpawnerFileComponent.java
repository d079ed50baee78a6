package io.jcharm.charms.jupyter;

import io.jcharm.core.Component;
import io.jcharm.core.Container;
import io.jcharm.core.Inputs;
import io.jcharm.core.Model;
import io.jcharm.core.StatusException;
import io.jcharm.pebble.PushOptions;
import io.jcharm.pebble.ServiceInfo;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes spawner_ui_config.yaml where the web app reads it ({@value Layers#SPAWNER_CONFIG}),
 * only when it differs, and restarts a running web app after a change so that every gunicorn
 * worker serves the new form.
 *
 * <pre>{@code
 * new SpawnerFileComponent(config, Gates.container(Layers.UI));
 * }</pre>
 */
final class SpawnerFileComponent implements Component<Void> {
    private final Component<JupyterConfig> config;
    private final Component<Container> container;

    SpawnerFileComponent(Component<JupyterConfig> config, Component<Container> container) {
        this.config = config;
        this.container = container;
    }

    @Override
    public String name() {
        return "spawner-config";
    }

    @Override
    public List<Component<?>> dependsOn() {
        return List.of(config, container);
    }

    @Override
    public Void reconcile(Model model, Inputs inputs) throws StatusException {
        String wanted = inputs.get(config).spawner().render();
        Container c = inputs.get(container);
        if (c.pullTextIfExists(Layers.SPAWNER_CONFIG).filter(wanted::equals).isPresent()) {
            return null;
        }
        c.push(Layers.SPAWNER_CONFIG, wanted.getBytes(StandardCharsets.UTF_8),
                PushOptions.defaults().withMakeDirs().withPermissions(0644));
        model.log().info("wrote " + Layers.SPAWNER_CONFIG);
        if (c.service(Layers.UI).filter(ServiceInfo::isRunning).isPresent()) {
            c.restart(Layers.UI);
        }
        return null;
    }
}
