package io.jcharm.charms.hello;

import io.jcharm.core.ActionContext;
import io.jcharm.core.Charm;
import io.jcharm.core.Component;
import io.jcharm.core.Components;
import io.jcharm.core.Model;
import io.jcharm.core.Relation;
import io.jcharm.core.StatusException;
import io.jcharm.core.tools.Port;
import io.jcharm.core.tools.SecretNotFoundException;
import io.jcharm.core.tools.SecretPermissionDeniedException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The example charm: publishes a greeting, listens to another's, checks a token secret and
 * answers the {@code greet} action.
 *
 * <pre>{@code
 * juju deploy ./hello_ubuntu-24.04-amd64.charm && juju integrate hello:greeting other:listen
 * }</pre>
 */
public final class HelloCharm implements Charm {

    /** Relation data key both ends of hello-greeting use. */
    static final String GREETING_KEY = "greeting";

    @Override
    public Components components(Model model) {
        // 1. Config binds once per hook; a bad value stops here as Blocked "[config] invalid config ...",
        //    and every component that names `config` receives the bound HelloConfig (or is skipped).
        Component<HelloConfig> config = Component.config(HelloConfig.class);
        return Components.of(
                config,
                // 2. The token is optional, but when configured it must be readable.
                Component.of("token", config, HelloCharm::checkToken),
                Component.of("ports", config, (m, cfg) -> m.setPorts(List.of(Port.tcp(cfg.port())))),
                // 3. Publish our greeting on every greeting relation (unit bag always, app bag on the leader).
                Component.of("greeting", config, HelloCharm::publish),
                // 4. Wait for the application we listen to, when related.
                Component.of("listen", HelloCharm::listen));
    }

    private static void checkToken(Model model, HelloConfig config) throws StatusException {
        Optional<String> id = config.tokenSecret();
        if (id.isEmpty()) {
            return;
        }
        try {
            Map<String, String> content = model.secrets().byId(id.get()).content();
            if (!content.containsKey("token")) {
                throw StatusException.blocked("secret " + id.get() + " has no key \"token\": juju update-secret "
                        + id.get() + " token=<value>");
            }
        } catch (SecretNotFoundException | SecretPermissionDeniedException e) {
            throw StatusException.blocked("secret " + id.get() + " not found or not granted: juju grant-secret "
                    + id.get() + " " + model.app().name());
        }
    }

    private static void publish(Model model, HelloConfig config) {
        for (Relation r : model.relations("greeting")) {
            r.localUnit().put(GREETING_KEY, config.greeting());
            if (model.isLeader()) {
                r.localApp().put(GREETING_KEY, config.greeting());
            }
        }
    }

    private static void listen(Model model) throws StatusException {
        Optional<Relation> listen = model.relation("listen");
        if (listen.isPresent() && listen.get().remoteApp().get(GREETING_KEY).isEmpty()) {
            throw StatusException.waiting("waiting for a greeting from " + listen.get().remoteAppName().orElse("listen"));
        }
    }

    @Override
    public void onAction(ActionContext action, Model model) {
        // Parameters were checked against actions.yaml before we get here (name is required,
        // shout defaults to false); they bind to a record the way config does.
        GreetParams greet = action.params(GreetParams.class);
        String message = model.config(HelloConfig.class).greeting() + ", " + greet.name() + "!";
        // Controller-side state survives pod churn and upgrades, unlike a local file.
        int served = model.state().get("greetings-served", Integer.class).orElse(0) + 1;
        model.state().set("greetings-served", served);
        action.log("greeting " + greet.name());
        action.setResults(Map.of("message", greet.shout() ? message.toUpperCase(Locale.ROOT) : message, "count", served));
    }
}
